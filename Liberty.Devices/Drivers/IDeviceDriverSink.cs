using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers;

/// <summary>
/// Where a driver sends what it has to say without being asked for a return value: the events the device produces,
/// events for a virtual device's owner, liveness changes and the completion of pending commands. The device actor
/// implements it.
/// </summary>
/// <remarks>
/// <b>Thread:</b> the drivers in this assembly call the sink only from inside the owner's calls into the driver
/// (<see cref="IDeviceDriver.Start"/>, <see cref="IDeviceDriver.Execute"/>, <see cref="IDeviceDriver.Tick"/>, ...),
/// so on the owner's thread. A driver with its own I/O thread may call it from that thread: an implementation should
/// only hand the call over (e.g. tell its actor) and return.
/// <b>Cancellation:</b> not applicable; calls must not block or throw.
/// <b>Ordering:</b> calls arrive in the order the device produced them.
/// </remarks>
public interface IDeviceDriverSink
{
    /// <summary>The device produced an event for its subscribers: an attribute report, or a command it emits (a switch, a virtual device's owner).</summary>
    /// <param name="deviceEvent">The event, for this device's numeric id.</param>
    void OnEvent(DeviceEvent deviceEvent);

    /// <summary>Virtual devices only: a command or attribute write addressed to the device, for the task that owns it.</summary>
    /// <param name="deviceEvent">A command event, or an attribute event whose <see cref="DeviceEvent.Attributes"/> are the values written.</param>
    void OnOwnerEvent(DeviceEvent deviceEvent);

    /// <summary>The device's liveness changed (and once at start with the first verdict).</summary>
    /// <param name="ok">Whether the device is reachable now.</param>
    /// <param name="reason">Why, for people and logs (e.g. the file that could not be read).</param>
    void OnLivenessChanged(bool ok, string reason);

    /// <summary>A command or write that returned <see cref="CommandStatus.Pending"/> has ended; called exactly once per pending command.</summary>
    /// <param name="correlationId">The <see cref="DeviceCommand.CorrelationId"/> or <see cref="AttributeWrite.CorrelationId"/>.</param>
    /// <param name="result">The final result, never <see cref="CommandStatus.Pending"/>.</param>
    void OnCommandCompleted(long correlationId, CommandResult result);
}
