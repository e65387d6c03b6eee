using Akka.Cluster;

namespace Liberty.Node.Cluster;

/// <summary>
/// The Akka role every member carries to say which Liberty node it is: <c>node:&lt;NodeName&gt;</c>, where the name is
/// the node's <c>Node:Name</c> and the first part of each of its devices' names (<c>node/device</c>).
/// </summary>
internal static class NodeRole
{
    /// <summary>The role's prefix.</summary>
    public const string Prefix = "node:";

    /// <summary>The role of node <paramref name="name"/>.</summary>
    /// <param name="name">The node's name (non-empty).</param>
    /// <returns><c>node:</c> + <paramref name="name"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static string For(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Prefix + name;
    }

    /// <summary>Reads the node name from a member's roles.</summary>
    /// <param name="member">The member.</param>
    /// <param name="name">The name after <c>node:</c>; empty when there is none.</param>
    /// <returns>False when the member carries no <c>node:</c> role with a non-empty name.</returns>
    public static bool TryGetName(Member member, out string name)
    {
        ArgumentNullException.ThrowIfNull(member);
        foreach (var role in member.Roles)
        {
            if (role.Length > Prefix.Length && role.StartsWith(Prefix, StringComparison.Ordinal))
            {
                name = role[Prefix.Length..];
                return true;
            }
        }
        name = "";
        return false;
    }

    /// <summary>A member's node name, or empty when it carries no <c>node:</c> role.</summary>
    /// <param name="member">The member.</param>
    /// <returns>The name, or empty.</returns>
    public static string NameOf(Member member) => TryGetName(member, out var name) ? name : "";
}
