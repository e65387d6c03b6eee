namespace Liberty.Node.Apps;

/// <summary>One device type a Device parameter accepts: a device matches when its type is <paramref name="DeviceType"/> (or that is <c>0xffff</c>, any type) and it implements every cluster listed.</summary>
/// <param name="DeviceType">The Zigbee Home Automation device type, or 0xffff for any.</param>
/// <param name="Clusters">The clusters the device must implement, all of them (possibly none).</param>
public sealed record DeviceTypeChoice(int DeviceType, IReadOnlyList<int> Clusters);
