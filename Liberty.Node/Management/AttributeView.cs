using Liberty.Devices.Model;

namespace Liberty.Node.Management;

/// <summary>A cached attribute of a device.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Attribute">The attribute id.</param>
/// <param name="Value">The value (a bare JSON primitive).</param>
/// <param name="ReportedAt">When it was reported.</param>
/// <param name="Restored">True for a last-known value restored from the journal at start that the device has not reported since (not yet heard).</param>
internal sealed record AttributeView(int Cluster, int Attribute, AttributeValue Value, DateTimeOffset ReportedAt, bool Restored);
