using Liberty.Devices.Model;

namespace Liberty.Node.Management.Contracts;

/// <summary>A cached attribute of a device.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Attribute">The attribute id.</param>
/// <param name="Value">The value (a bare JSON primitive).</param>
/// <param name="ReportedAt">When it was reported.</param>
/// <param name="Restored">True for a last-known value restored from the journal at start that the device has not reported since (not yet heard).</param>
/// <param name="Name">The attribute's name (<c>MeasuredValue</c>), or null for one Liberty does not know.</param>
/// <param name="Display">The value as people read it, in its unit and scale (<c>20.00 °C</c>, <c>on</c>, <c>200 (78 %)</c>).</param>
internal sealed record AttributeView(int Cluster, int Attribute, AttributeValue Value, DateTimeOffset ReportedAt, bool Restored, string? Name, string Display)
{
    /// <summary>The view of a cached attribute.</summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="attribute">The attribute.</param>
    /// <param name="value">The raw value.</param>
    /// <param name="reportedAt">When it was reported.</param>
    /// <param name="restored">Whether it was restored and not heard since.</param>
    /// <returns>The view, with its name and display text.</returns>
    public static AttributeView Of(int cluster, int attribute, AttributeValue value, DateTimeOffset reportedAt, bool restored) =>
        new(cluster, attribute, value, reportedAt, restored, AttributeFormat.Name(cluster, attribute), AttributeFormat.Display(cluster, attribute, value));
}
