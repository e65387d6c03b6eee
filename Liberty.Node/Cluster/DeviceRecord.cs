using Liberty.Actors.Serialization;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;

namespace Liberty.Node.Cluster;

/// <summary>
/// One device in the fleet directory (a value of the replicated map, keyed by <see cref="Name"/>). Only the owning node
/// writes it: when the device is added, when its liveness changes, at most every
/// <see cref="ClusterDeviceOptions.LastHeardInterval"/> for its last-heard time, and it removes it with the device.
/// </summary>
/// <param name="Name">The full name, <c>node/device</c>.</param>
/// <param name="Id">The numeric id.</param>
/// <param name="Node">The owning node.</param>
/// <param name="DeviceType">The device type.</param>
/// <param name="Clusters">The clusters it implements.</param>
/// <param name="Driver">The driver, for people.</param>
/// <param name="Virtual">Whether it is a task's virtual device.</param>
/// <param name="Ok">Its liveness as its owner last wrote it.</param>
/// <param name="LastHeard">When its owner last heard from it (coarse: see above); null if never.</param>
[RemoteMessage("cd.record")]
internal sealed record DeviceRecord(string Name, long Id, string Node, int DeviceType, IReadOnlyList<int> Clusters, string Driver, bool Virtual, bool Ok, DateTimeOffset? LastHeard) : IRemoteMessage
{
    /// <summary>The record of a local entry as it is now.</summary>
    /// <param name="entry">A local device.</param>
    /// <returns>The record.</returns>
    public static DeviceRecord From(DeviceEntry entry)
    {
        var snapshot = entry.Snapshot;
        var info = entry.Info;
        return new DeviceRecord(info.Id.Name, info.Id.Value, entry.Node, info.DeviceType, info.Clusters, info.Driver, entry.IsVirtual, snapshot.Ok, snapshot.LastHeard);
    }

    /// <summary>What the device is.</summary>
    /// <returns>Its info.</returns>
    public DeviceInfo ToInfo() => new(new DeviceId(Name, Id), DeviceType, Clusters, Driver);

    /// <summary>Equal when every field is, <see cref="Clusters"/> by content (replicas compare records read from the wire).</summary>
    /// <param name="other">The other record.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(DeviceRecord? other) =>
        other is not null && Name == other.Name && Id == other.Id && Node == other.Node && DeviceType == other.DeviceType && Driver == other.Driver
        && Virtual == other.Virtual && Ok == other.Ok && LastHeard == other.LastHeard && Clusters.SequenceEqual(other.Clusters);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Ok, LastHeard);
}
