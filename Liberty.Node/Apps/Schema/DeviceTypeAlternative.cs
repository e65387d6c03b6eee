using Liberty.Devices.Model;

namespace Liberty.Node.Apps.Schema;

/// <summary>One alternative of a <c>DeviceType</c> attribute: <c>loadType,deviceTypeHex,clusterHex[|clusterHex]</c>.</summary>
/// <param name="LoadType">The load type (kept for display; it does not select devices).</param>
/// <param name="DeviceType">The device type, or <see cref="DeviceTypes.Any"/> (<c>ffff</c>) for any type.</param>
/// <param name="Clusters">The clusters the device must implement, all of them (possibly none).</param>
internal sealed record DeviceTypeAlternative(int LoadType, int DeviceType, IReadOnlyList<int> Clusters)
{
    /// <summary>Whether <paramref name="info"/> has this type (or the alternative says any) and implements every listed cluster.</summary>
    /// <param name="info">The device.</param>
    /// <returns>True on a match.</returns>
    public bool Matches(DeviceInfo info) =>
        (DeviceType == DeviceTypes.Any || info.DeviceType == DeviceType) && Clusters.All(info.SupportsCluster);
}
