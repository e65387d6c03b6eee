namespace Liberty.Actors;

/// <summary>
/// Where an actor system lives: <c>liberty://system@node</c>. Two refs with different addresses live
/// in different systems; a message to a ref whose address is not the local system's travels through
/// the <see cref="Remote.IRemoteTransport"/>.
/// </summary>
/// <param name="System">The actor system's name (letters, digits, '-' and '_').</param>
/// <param name="Node">The node's name, unique in the cluster.</param>
public sealed record Address(string System, string Node)
{
    /// <summary>The URI scheme of every Liberty address.</summary>
    public const string Protocol = "liberty";

    /// <summary>Formats as <c>liberty://system@node</c>.</summary>
    public override string ToString() => $"{Protocol}://{System}@{Node}";

    /// <summary>Parses <c>liberty://system@node</c>.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="address">The address, when the text is well formed.</param>
    /// <returns>Whether the text was a well-formed address.</returns>
    public static bool TryParse(string? text, out Address? address)
    {
        address = null;
        const string Prefix = Protocol + "://";
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = text.AsSpan(Prefix.Length);
        var at = rest.IndexOf('@');
        if (at <= 0 || at == rest.Length - 1)
        {
            return false;
        }
        var system = rest[..at];
        var node = rest[(at + 1)..];
        if (!ActorPath.IsValidName(system) || node.IndexOf('/') >= 0)
        {
            return false;
        }
        address = new Address(system.ToString(), node.ToString());
        return true;
    }
}
