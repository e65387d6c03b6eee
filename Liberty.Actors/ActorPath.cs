using System.Text;

namespace Liberty.Actors;

/// <summary>
/// The name of an actor's place in the hierarchy: an <see cref="Actors.Address"/> and a chain of
/// element names from the root, e.g. <c>liberty://node-system@gw1/user/tasks/t42</c>.
/// </summary>
/// <remarks>
/// As in Akka, a path names a place and says nothing about whether an actor is alive there: two
/// incarnations of <c>/user/a</c> share a path and differ in <see cref="Uid"/>. Path equality ignores
/// the uid; <see cref="IActorRef"/> equality includes it.
/// Paths are immutable and safe to share between threads.
/// </remarks>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    private string? _text;

    private ActorPath(Address address, ActorPath? parent, string name, long uid)
    {
        Address = address;
        Parent = parent;
        Name = name;
        Uid = uid;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The address of the system this path belongs to.</summary>
    public Address Address { get; }

    /// <summary>The parent path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element ("" for the root).</summary>
    public string Name { get; }

    /// <summary>The incarnation id of the actor this path was taken from (0 when unknown).</summary>
    public long Uid { get; }

    /// <summary>Number of elements below the root (the root is 0, <c>/user</c> is 1).</summary>
    public int Depth { get; }

    /// <summary>The root path of an address.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The path <c>liberty://system@node/</c>.</returns>
    public static ActorPath Root(Address address) => new(address ?? throw new ArgumentNullException(nameof(address)), null, "", 0);

    /// <summary>A child path below this one.</summary>
    /// <param name="name">The child's name; must satisfy <see cref="IsValidName"/> or start with '$'.</param>
    /// <param name="uid">The child's incarnation id, 0 when not known.</param>
    /// <returns>The child path.</returns>
    public ActorPath Child(string name, long uid = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ActorPath(Address, this, name, uid);
    }

    /// <summary>This path with another uid.</summary>
    /// <param name="uid">The uid.</param>
    /// <returns>The same place with the given uid.</returns>
    public ActorPath WithUid(long uid) => uid == Uid ? this : new ActorPath(Address, Parent, Name, uid);

    /// <summary>The element names from the root (exclusive) to this path.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var list = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent)
            {
                list[p.Depth - 1] = p.Name;
            }
            return list;
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a valid user-given actor name: non-empty, not starting with
    /// '$' (reserved for generated names), made of letters, digits and <c>-_.*$+:@&amp;=,!~';</c>.
    /// </summary>
    /// <param name="name">The candidate.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name[0] == '$')
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "-_.*$+:@&=,!~';".Contains(c)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Parses a full path such as <c>liberty://sys@node/user/a</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="path">The path, when well formed.</param>
    /// <returns>Whether the text was a well-formed path.</returns>
    public static bool TryParse(string? text, out ActorPath? path)
    {
        path = null;
        if (text is null)
        {
            return false;
        }
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return false;
        }
        var slash = text.IndexOf('/', schemeEnd + 3);
        var addressText = slash < 0 ? text : text[..slash];
        if (!Address.TryParse(addressText, out var address))
        {
            return false;
        }
        var p = Root(address!);
        if (slash >= 0)
        {
            foreach (var element in text[(slash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var hash = element.IndexOf('#', StringComparison.Ordinal);
                if (hash >= 0 && long.TryParse(element.AsSpan(hash + 1), out var uid))
                {
                    p = p.Child(element[..hash], uid);
                }
                else
                {
                    p = p.Child(element);
                }
            }
        }
        path = p;
        return true;
    }

    /// <summary>The path without address, e.g. <c>/user/a/b</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Parent is null)
        {
            return "/";
        }
        var sb = new StringBuilder();
        AppendElements(sb);
        return sb.ToString();
    }

    private void AppendElements(StringBuilder sb)
    {
        if (Parent is null)
        {
            return;
        }
        Parent.AppendElements(sb);
        sb.Append('/').Append(Name);
    }

    /// <summary>The full path, e.g. <c>liberty://sys@node/user/a</c>.</summary>
    public override string ToString() => _text ??= Address + ToStringWithoutAddress();

    /// <summary>The full path with the uid appended as <c>#uid</c> when known.</summary>
    public string ToSerializationFormat() => Uid == 0 ? ToString() : $"{this}#{Uid}";

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || other.Depth != Depth)
        {
            return false;
        }
        var a = this;
        var b = other;
        while (a.Parent is not null)
        {
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal))
            {
                return false;
            }
            a = a.Parent;
            b = b.Parent!;
        }
        return a.Address == b.Address;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = Address.GetHashCode();
        for (var p = this; p.Parent is not null; p = p.Parent)
        {
            hash = HashCode.Combine(hash, StringComparer.Ordinal.GetHashCode(p.Name));
        }
        return hash;
    }

    /// <inheritdoc />
    public int CompareTo(ActorPath? other) => other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    /// <summary>Path equality (uid ignored).</summary>
    public static bool operator ==(ActorPath? left, ActorPath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Path inequality (uid ignored).</summary>
    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);

    /// <summary>Ordinal ordering by the full text.</summary>
    public static bool operator <(ActorPath? left, ActorPath? right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering by the full text.</summary>
    public static bool operator >(ActorPath? left, ActorPath? right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering by the full text.</summary>
    public static bool operator <=(ActorPath? left, ActorPath? right) => !(left > right);

    /// <summary>Ordinal ordering by the full text.</summary>
    public static bool operator >=(ActorPath? left, ActorPath? right) => !(left < right);

    /// <summary>Appends a child element: <c>path / "name"</c>.</summary>
    public static ActorPath operator /(ActorPath path, string name) => (path ?? throw new ArgumentNullException(nameof(path))).Child(name);

    /// <summary>Named alternative of the / operator.</summary>
    /// <param name="name">The child's name.</param>
    /// <returns>The child path.</returns>
    public ActorPath Divide(string name) => Child(name);
}
