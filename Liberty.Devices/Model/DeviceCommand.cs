namespace Liberty.Devices.Model;

/// <summary>A command addressed to a device.</summary>
/// <param name="Cluster">The cluster id.</param>
/// <param name="Command">The command id.</param>
/// <param name="Arguments">The arguments in ZCL payload order (Liberty's <c>v</c> array); integral doubles count as integers.</param>
/// <param name="Source">Who sent it; the reports it causes carry the same source.</param>
/// <param name="CorrelationId">The sender's id for this command, echoed when a pending command completes.</param>
public sealed record DeviceCommand(int Cluster, int Command, IReadOnlyList<AttributeValue> Arguments, EventSource Source, long CorrelationId = 0)
{
    /// <summary>Equal when every field is, <see cref="Arguments"/> compared by content (a copy read from JSON equals the original).</summary>
    /// <param name="other">The other command.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(DeviceCommand? other) =>
        other is not null && Cluster == other.Cluster && Command == other.Command && Source == other.Source && CorrelationId == other.CorrelationId
        && StructuralEquality.Lists(Arguments, other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Cluster, Command, Source, CorrelationId, Arguments?.Count);
}
