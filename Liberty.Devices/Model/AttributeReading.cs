namespace Liberty.Devices.Model;

/// <summary>One cached attribute of a device snapshot, with the time it was last reported.</summary>
/// <param name="Cluster">The cluster id.</param>
/// <param name="Attribute">The attribute id.</param>
/// <param name="Value">The last reported value.</param>
/// <param name="ReportedAt">When it was last reported.</param>
/// <param name="Restored">True when the value is a last-known value restored at start that the device has not reported since
/// (<see cref="DeviceState.Restore"/>).</param>
public sealed record AttributeReading(int Cluster, int Attribute, AttributeValue Value, DateTimeOffset ReportedAt, bool Restored = false);
