using Akka.Cluster;

namespace Liberty.Node.Cluster;

/// <summary>
/// Every member of a Liberty cluster carries the role <c>node:&lt;name&gt;</c>, its node name (the first part of its
/// devices' names), so that any node can tell which member runs which devices and tasks.
/// </summary>
public static class NodeRole
{
    /// <summary>The prefix of the node-name role.</summary>
    public const string Prefix = "node:";

    /// <summary>The role of node <paramref name="name"/>.</summary>
    /// <param name="name">The node name.</param>
    /// <returns><c>node:name</c>.</returns>
    public static string For(string name) => Prefix + name;

    /// <summary>Reads a member's node name from its roles.</summary>
    /// <param name="member">The member.</param>
    /// <param name="name">Its node name.</param>
    /// <returns>False for a member without the role (not a Liberty node).</returns>
    public static bool TryGetName(Member member, out string name)
    {
        ArgumentNullException.ThrowIfNull(member);
        foreach (var role in member.Roles)
        {
            if (role.StartsWith(Prefix, StringComparison.Ordinal))
            {
                name = role[Prefix.Length..];
                return true;
            }
        }
        name = "";
        return false;
    }
}
