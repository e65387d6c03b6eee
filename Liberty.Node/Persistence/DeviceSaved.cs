using Liberty.Devices.Model;

namespace Liberty.Node.Persistence;

/// <summary>Event: a device's last-known attributes (manifest "node.DeviceSaved").</summary>
/// <param name="Device">The device as last reported.</param>
internal sealed record DeviceSaved(DeviceSnapshot Device);
