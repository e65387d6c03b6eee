namespace Liberty.Devices.Model;

/// <summary>An attribute write addressed to a device (<c>Libre_DeviceSetAttributes</c>); all or nothing.</summary>
/// <param name="Cluster">The cluster id.</param>
/// <param name="Values">Attribute id → new value.</param>
/// <param name="Source">Who wrote; the reports it causes carry the same source.</param>
/// <param name="CorrelationId">The sender's id for this write, echoed when a pending write completes.</param>
public sealed record AttributeWrite(int Cluster, IReadOnlyDictionary<int, AttributeValue> Values, EventSource Source, long CorrelationId = 0)
{
    /// <summary>Equal when every field is, <see cref="Values"/> compared by content (a copy read from JSON equals the original).</summary>
    /// <param name="other">The other write.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(AttributeWrite? other) =>
        other is not null && Cluster == other.Cluster && Source == other.Source && CorrelationId == other.CorrelationId
        && StructuralEquality.Maps(Values, other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Cluster, Source, CorrelationId, Values?.Count);
}
