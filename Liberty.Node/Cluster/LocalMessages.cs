using Liberty.Devices.Actors;

namespace Liberty.Node.Cluster;

/// <summary>To <see cref="RemoteDevices"/> (local only): the first local subscriber of a device came, or the last one left.</summary>
/// <param name="DeviceId">The device's numeric id (any device; only remote ones matter).</param>
/// <param name="HasLocalSubscribers">Whether any local subscriber remains.</param>
internal sealed record LocalInterestChanged(long DeviceId, bool HasLocalSubscribers);

/// <summary>To <see cref="DeviceGateway"/> (local only): a local device changed in the directory.</summary>
/// <param name="Entry">The device.</param>
/// <param name="Change">What happened.</param>
internal sealed record LocalDeviceChanged(DeviceEntry Entry, DeviceDirectoryChange Change);

/// <summary>To <see cref="RemoteDevices"/> (local only): a message sent to a remote device's stand-in (<see cref="RemoteDeviceRef"/>), with its original sender.</summary>
/// <param name="DeviceId">The device's numeric id.</param>
/// <param name="Message">What was sent.</param>
internal sealed record RemoteDeviceMessage(long DeviceId, object Message);
