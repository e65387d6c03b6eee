using Liberty.Devices.Model;

namespace Liberty.Node.Management;

/// <summary>A device as the API shows it.</summary>
/// <param name="Id">The numeric id apps use.</param>
/// <param name="Name">The full name <c>&lt;node&gt;/&lt;name&gt;</c>.</param>
/// <param name="Type">The device type number.</param>
/// <param name="TypeName">Its readable name.</param>
/// <param name="Driver">The driver.</param>
/// <param name="Virtual">Whether a task owns it.</param>
/// <param name="Clusters">Its clusters, by name.</param>
/// <param name="Ok">Whether it answers.</param>
/// <param name="LastHeard">When it was last heard from.</param>
/// <param name="Attributes">Its cached attributes.</param>
internal sealed record DeviceView(long Id, string Name, int Type, string TypeName, string Driver, bool Virtual, IReadOnlyList<ClusterView> Clusters, bool Ok, DateTimeOffset? LastHeard, IReadOnlyList<AttributeView> Attributes)
{
    /// <summary>Builds the view of a snapshot.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="isVirtual">Whether a task owns it.</param>
    /// <returns>The view.</returns>
    public static DeviceView From(DeviceSnapshot snapshot, bool isVirtual) => new(
        snapshot.Info.Id.Value,
        snapshot.Info.Id.Name,
        snapshot.Info.DeviceType,
        DeviceTypes.GetName(snapshot.Info.DeviceType),
        snapshot.Info.Driver,
        isVirtual,
        [.. snapshot.Info.Clusters.Select(static c => new ClusterView(c, ClusterIds.GetName(c)))],
        snapshot.Ok,
        snapshot.LastHeard,
        [.. snapshot.Attributes.Select(static a => new AttributeView(a.Cluster, a.Attribute, a.Value, a.ReportedAt, a.Restored))]);
}
