namespace Liberty.Devices.Actors;

/// <summary>What happened to a local device in the <see cref="DeviceDirectory"/> (<see cref="IDeviceDirectoryObserver"/>).</summary>
public enum DeviceDirectoryChange
{
    /// <summary>The device was added.</summary>
    Added,

    /// <summary>The device was removed.</summary>
    Removed,

    /// <summary>The device's <see cref="Model.DeviceSnapshot.Ok"/> changed.</summary>
    OkChanged,
}
