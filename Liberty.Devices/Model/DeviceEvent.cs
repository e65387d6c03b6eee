using System.Text.Json.Serialization;
using Liberty.Actors.Serialization;

namespace Liberty.Devices.Model;

/// <summary>
/// A device event with exactly Liberty's fields (docs/app-api.md section 4). It crosses the cluster as
/// System.Text.Json and becomes the event table a Lua thread gets from <c>Libre_GetEvent()</c>.
/// </summary>
/// <remarks>
/// <para>Liberty's <c>v</c> is an array for commands and a map for attribute events. Here it is two typed properties so
/// both serialize without a polymorphic converter: <see cref="Arguments"/> (commands) and <see cref="Attributes"/>
/// (attribute reports and writes). The Lua layer builds <c>v</c> from whichever is set: <see cref="Arguments"/> as a
/// 1-based array; <see cref="Attributes"/> as a map keyed by the attribute id and also by
/// <see cref="AttributeKey.Combined"/> for the later API. <see cref="Affected"/> becomes <c>a</c>.</para>
/// <para>Equality is structural (the collections compare by content), so a round-tripped event equals the original.
/// Maps compare as maps: order does not matter.</para>
/// </remarks>
/// <param name="Type">t: command, attribute report or query.</param>
/// <param name="Id">id: the device's numeric id (<see cref="DeviceId.Value"/>).</param>
/// <param name="Ok">ok: false when the device is unreachable or the command failed.</param>
/// <param name="Cluster">c: the cluster id.</param>
/// <param name="Command">d: the command id for commands; null otherwise.</param>
/// <param name="Arguments">v of a command: its arguments in ZCL payload order (e.g. MoveToLevel <c>{level, transitionTime}</c>); null otherwise.</param>
/// <param name="Attributes">v of an attribute event: attribute id → value, every known attribute of <paramref name="Cluster"/>; null otherwise.</param>
/// <param name="Affected">a: attribute id → new value of the attributes this event changed; null when none.</param>
/// <param name="Source">s: where the event came from.</param>
[RemoteMessage("dev.event")]
public sealed record DeviceEvent(
    [property: JsonPropertyName("t")] EventType Type,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("c")] int Cluster,
    [property: JsonPropertyName("d")] int? Command,
    [property: JsonPropertyName("args")] IReadOnlyList<AttributeValue>? Arguments,
    [property: JsonPropertyName("v")] IReadOnlyDictionary<int, AttributeValue>? Attributes,
    [property: JsonPropertyName("a")] IReadOnlyDictionary<int, AttributeValue>? Affected,
    [property: JsonPropertyName("s")] EventSource Source) : IRemoteMessage
{
    /// <summary>Creates a command event.</summary>
    /// <param name="id">The device's numeric id.</param>
    /// <param name="cluster">The cluster id.</param>
    /// <param name="command">The command id.</param>
    /// <param name="arguments">The arguments in ZCL payload order (empty when none).</param>
    /// <param name="source">Where the command came from.</param>
    /// <param name="ok">False to tell a sender that the command failed or the device is unreachable.</param>
    /// <returns>The event.</returns>
    public static DeviceEvent ForCommand(long id, int cluster, int command, IReadOnlyList<AttributeValue> arguments, EventSource source, bool ok = true)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new(EventType.Command, id, ok, cluster, command, arguments, null, null, source);
    }

    /// <summary>Creates an attribute report.</summary>
    /// <param name="id">The device's numeric id.</param>
    /// <param name="cluster">The cluster id.</param>
    /// <param name="attributes">Every known attribute of the cluster.</param>
    /// <param name="affected">The attributes this report changed, or null.</param>
    /// <param name="source">Where the change came from.</param>
    /// <param name="ok">The device's liveness.</param>
    /// <returns>The event.</returns>
    public static DeviceEvent ForReport(long id, int cluster, IReadOnlyDictionary<int, AttributeValue> attributes, IReadOnlyDictionary<int, AttributeValue>? affected, EventSource source, bool ok = true)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return new(EventType.AttributeReport, id, ok, cluster, null, null, attributes, affected, source);
    }

    /// <inheritdoc />
    public bool Equals(DeviceEvent? other) =>
        other is not null
        && Type == other.Type && Id == other.Id && Ok == other.Ok && Cluster == other.Cluster
        && Command == other.Command && Source == other.Source
        && ListEquals(Arguments, other.Arguments)
        && MapEquals(Attributes, other.Attributes)
        && MapEquals(Affected, other.Affected);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Id, Ok, Cluster, Command, Source, Arguments?.Count, Attributes?.Count);

    private static bool ListEquals(IReadOnlyList<AttributeValue>? x, IReadOnlyList<AttributeValue>? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

    private static bool MapEquals(IReadOnlyDictionary<int, AttributeValue>? x, IReadOnlyDictionary<int, AttributeValue>? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }
        if (x is null || y is null || x.Count != y.Count)
        {
            return false;
        }
        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }
        return true;
    }
}
