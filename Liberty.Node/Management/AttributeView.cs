using Liberty.Devices.Model;

namespace Liberty.Node.Management;

/// <summary>A cached attribute of a device.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Attribute">The attribute id.</param>
/// <param name="Value">The value (a bare JSON primitive).</param>
/// <param name="ReportedAt">When it was reported.</param>
internal sealed record AttributeView(int Cluster, int Attribute, AttributeValue Value, DateTimeOffset ReportedAt);
