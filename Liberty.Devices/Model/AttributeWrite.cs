namespace Liberty.Devices.Model;

/// <summary>An attribute write addressed to a device (<c>Libre_DeviceSetAttributes</c>); all or nothing.</summary>
/// <param name="Cluster">The cluster id.</param>
/// <param name="Values">Attribute id → new value.</param>
/// <param name="Source">Who wrote; the reports it causes carry the same source.</param>
/// <param name="CorrelationId">The sender's id for this write, echoed when a pending write completes.</param>
public sealed record AttributeWrite(int Cluster, IReadOnlyDictionary<int, AttributeValue> Values, EventSource Source, long CorrelationId = 0);
