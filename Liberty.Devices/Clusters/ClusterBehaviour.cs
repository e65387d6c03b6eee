using Liberty.Devices.Model;

namespace Liberty.Devices.Clusters;

/// <summary>
/// The device-side semantics of one standard cluster, written once and shared by every driver that emulates or
/// mirrors a device: commands and attribute writes in, attribute changes out (into the shared
/// <see cref="AttributeTable"/>), and time-driven progress through <see cref="NextDue"/> / <see cref="Tick"/>.
/// </summary>
/// <remarks>
/// <para><b>Tick model.</b> A behaviour never reads a clock and never starts a timer. Every call receives the owner's
/// current time. After any call, <see cref="NextDue"/> says when the behaviour next needs <see cref="Tick"/> (null:
/// never, until the next command). The owner arms one timer for the earliest due time of all its behaviours and calls
/// <see cref="Tick"/> with the time then. Ticking early, late or twice is harmless: progress is computed from the
/// times, not counted in ticks.</para>
/// <para>Single owner; not thread-safe.</para>
/// </remarks>
internal abstract class ClusterBehaviour
{
    protected ClusterBehaviour(int clusterId, AttributeTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        ClusterId = clusterId;
        Table = table;
    }

    /// <summary>The cluster this behaviour implements.</summary>
    public int ClusterId { get; }

    /// <summary>The device's attribute values.</summary>
    protected AttributeTable Table { get; }

    /// <summary>When <see cref="Tick"/> is next needed; null when nothing is scheduled.</summary>
    public virtual DateTimeOffset? NextDue => null;

    /// <summary>Executes a command of this cluster.</summary>
    /// <returns>Success, or why not; never <see cref="CommandStatus.Pending"/>.</returns>
    public virtual CommandResult Execute(int command, IReadOnlyList<AttributeValue> arguments, EventSource source, DateTimeOffset now) =>
        CommandResult.Fail(CommandStatus.UnsupportedCommand, $"Cluster {ClusterIds.GetName(ClusterId)} has no command 0x{command:X2}.");

    /// <summary>Writes attributes of this cluster: all of them, or none when any is refused.</summary>
    /// <returns>Success, or why not, naming the attribute.</returns>
    public CommandResult Write(IReadOnlyDictionary<int, AttributeValue> values, EventSource source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (attribute, value) in values)
        {
            if (!Table.Contains(ClusterId, attribute))
            {
                return CommandResult.Fail(CommandStatus.UnsupportedAttribute, $"Cluster {ClusterIds.GetName(ClusterId)} has no attribute 0x{attribute:X4}.");
            }
            var refusal = CheckWrite(attribute, value, values);
            if (refusal is { } result)
            {
                return result;
            }
        }
        foreach (var (attribute, value) in values)
        {
            ApplyWrite(attribute, value, source, now);
        }
        return CommandResult.Success;
    }

    /// <summary>Advances time-driven progress to <paramref name="now"/>.</summary>
    public virtual void Tick(DateTimeOffset now)
    {
    }

    /// <summary>Checks one attribute of a write; <paramref name="all"/> is the whole write, for cross-attribute rules.</summary>
    /// <returns>Null when allowed, else the refusal.</returns>
    protected virtual CommandResult? CheckWrite(int attribute, AttributeValue value, IReadOnlyDictionary<int, AttributeValue> all) =>
        CommandResult.Fail(CommandStatus.ReadOnly, $"Attribute 0x{attribute:X4} of cluster {ClusterIds.GetName(ClusterId)} is read-only.");

    /// <summary>Applies one checked attribute of a write; integral numbers are stored as integers (Lua may send 2600.0).</summary>
    protected virtual void ApplyWrite(int attribute, AttributeValue value, EventSource source, DateTimeOffset now) =>
        Table.Set(ClusterId, attribute, value.TryGetInt64(out var integer) ? integer : value, source);

    /// <summary>Refusal for a value outside <paramref name="min"/>..<paramref name="max"/> or not an integer; null when fine.</summary>
    protected CommandResult? CheckRange(int attribute, AttributeValue value, long min, long max) =>
        value.TryGetInt64(out var v) && v >= min && v <= max
            ? null
            : CommandResult.Fail(CommandStatus.InvalidArgument, $"Attribute 0x{attribute:X4} of cluster {ClusterIds.GetName(ClusterId)} must be an integer in {min}..{max}, not {value}.");

    /// <summary>The earlier of two optional times.</summary>
    protected static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
