namespace Liberty.Devices.Actors;

/// <summary>
/// Told when a device of this node joins or leaves the <see cref="DeviceDirectory"/> or its liveness changes: how the
/// cluster layer keeps the fleet-wide directory current without watching every report.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> called on the thread of whoever changed the directory (the registry's, a device actor's);
/// must not block (queue the work, e.g. tell an actor). Not called for remote entries.</para>
/// <para><b>Cancellation:</b> none.</para>
/// <para><b>Ordering:</b> the changes of one device arrive in the order they happened, except that an ok change made
/// while the device was being added may arrive before <see cref="DeviceDirectoryChange.Added"/>; read
/// <see cref="DeviceEntry.Snapshot"/> when handling a change rather than assuming what it says.</para>
/// </remarks>
public interface IDeviceDirectoryObserver
{
    /// <summary>A local device was added or removed, or its <see cref="Model.DeviceSnapshot.Ok"/> changed.</summary>
    /// <param name="entry">The device's entry.</param>
    /// <param name="change">What happened.</param>
    void LocalDeviceChanged(DeviceEntry entry, DeviceDirectoryChange change);
}
