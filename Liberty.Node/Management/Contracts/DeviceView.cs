using Liberty.Devices.Model;

namespace Liberty.Node.Management.Contracts;

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
/// <param name="Attributes">Its cached attributes (of a device of another node: only while a task here watches it).</param>
/// <param name="Node">The node it is wired to.</param>
/// <param name="Remote">Whether that is another node of the cluster.</param>
internal sealed record DeviceView(long Id, string Name, int Type, string TypeName, string Driver, bool Virtual, IReadOnlyList<ClusterView> Clusters, bool Ok, DateTimeOffset? LastHeard, IReadOnlyList<AttributeView> Attributes, string Node, bool Remote)
{
    /// <summary>Builds the view of a directory entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="snapshot">A fresher snapshot than the entry's (after a query), or null.</param>
    /// <returns>The view.</returns>
    public static DeviceView From(Liberty.Devices.Actors.DeviceEntry entry, DeviceSnapshot? snapshot = null)
    {
        snapshot ??= entry.Snapshot;
        return new(
            snapshot.Info.Id.Value,
            snapshot.Info.Id.Name,
            snapshot.Info.DeviceType,
            DeviceTypes.GetName(snapshot.Info.DeviceType),
            snapshot.Info.Driver,
            entry.IsVirtual,
            [.. snapshot.Info.Clusters.Select(static c => new ClusterView(c, ClusterIds.GetName(c)))],
            snapshot.Ok,
            snapshot.LastHeard,
            [.. snapshot.Attributes.Select(static a => AttributeView.Of(a.Cluster, a.Attribute, a.Value, a.ReportedAt, a.Restored))],
            snapshot.Info.Id.Node,
            entry.IsRemote)
        {
            OwnerTask = entry.OwnerTask,
        };
    }

    /// <summary>For a virtual device of this node: the id of the task that owns it; null otherwise.</summary>
    public long? OwnerTask { get; init; }
}
