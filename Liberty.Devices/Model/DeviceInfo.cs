namespace Liberty.Devices.Model;

/// <summary>What a device is: its id, device type, the clusters it implements and which driver runs it. Immutable.</summary>
/// <param name="Id">The device's id.</param>
/// <param name="DeviceType">The device type (<see cref="DeviceTypes"/>).</param>
/// <param name="Clusters">The clusters it implements (<see cref="ClusterIds"/>), in declaration order, no duplicates.</param>
/// <param name="Driver">The driver and kind for people, e.g. <c>simulated/dimmable-light</c>, <c>sysfs/led</c>, <c>virtual</c>.</param>
public sealed record DeviceInfo(DeviceId Id, int DeviceType, IReadOnlyList<int> Clusters, string Driver)
{
    /// <summary>Whether the device implements <paramref name="cluster"/> (<c>Libre_DeviceSupportsCluster</c>).</summary>
    /// <param name="cluster">The cluster id.</param>
    /// <returns>True when the cluster is in <see cref="Clusters"/>.</returns>
    public bool SupportsCluster(int cluster) => Clusters.Contains(cluster);

    /// <summary>Equal when every field is, <see cref="Clusters"/> compared by content (a copy read from JSON equals the original).</summary>
    /// <param name="other">The other info.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(DeviceInfo? other) =>
        other is not null && Id == other.Id && DeviceType == other.DeviceType && Driver == other.Driver && StructuralEquality.Lists(Clusters, other.Clusters);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, DeviceType, Driver, Clusters.Count);
}
