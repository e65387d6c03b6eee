using Akka.Actor;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;

namespace Liberty.Devices.Actors;

/// <summary>Creates a device at run time from a declaration; replies <see cref="DeviceCreated"/> or <see cref="Status.Failure"/> with the reason.</summary>
/// <param name="Declaration">What to create.</param>
public sealed record CreateDevice(DeviceDeclaration Declaration);

/// <summary>
/// Adopts a device whose driver another part of the node built (MQTT discovery); replies <see cref="DeviceCreated"/>
/// or <see cref="Status.Failure"/> naming the collision.
/// </summary>
/// <param name="Driver">The driver, not started; the device actor starts it.</param>
public sealed record AdoptDevice(IDeviceDriver Driver);

/// <summary>
/// Creates a virtual device for a task (app-api section 6); replies <see cref="DeviceCreated"/> or a failure.
/// </summary>
/// <param name="Name">The device's name on this node (the id becomes <c>node/name</c>).</param>
/// <param name="Spec">The schema's type spec, e.g. <c>"1,101,8"</c> (dimmable light).</param>
/// <param name="Watcher">Where the commands and writes addressed to it go (see <see cref="SetVirtualDeviceWatcher"/>), or null for now.</param>
/// <param name="OwnerTask">The owning task's id (<see cref="DeviceEntry.OwnerTask"/>: only that task may drive it), or null.</param>
public sealed record CreateVirtualDevice(string Name, string Spec, IDeviceEventSink? Watcher, long? OwnerTask = null);

/// <summary>A device was created.</summary>
/// <param name="Info">What it is (its <see cref="DeviceInfo.Id"/> carries the numeric id apps use).</param>
/// <param name="Actor">Its actor.</param>
public sealed record DeviceCreated(DeviceInfo Info, IActorRef Actor);

/// <summary>Removes a device by name or numeric id; replies <see cref="DeviceRemoved"/>.</summary>
/// <param name="IdOrName">Its readable name (<c>node/name</c>) or numeric id.</param>
public sealed record RemoveDevice(string IdOrName);

/// <summary>The answer to <see cref="RemoveDevice"/>.</summary>
/// <param name="IdOrName">What was asked for.</param>
/// <param name="Removed">False when no such device existed.</param>
public sealed record DeviceRemoved(string IdOrName, bool Removed);

/// <summary>Lists the devices; replies <see cref="DeviceList"/>.</summary>
public sealed record ListDevices
{
    /// <summary>The single instance.</summary>
    public static ListDevices Instance { get; } = new();
}

/// <summary>Every device's latest snapshot, ordered by name.</summary>
/// <param name="Devices">The snapshots.</param>
public sealed record DeviceList(IReadOnlyList<DeviceSnapshot> Devices);
