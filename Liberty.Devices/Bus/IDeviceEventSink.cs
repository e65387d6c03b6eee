using Liberty.Devices.Model;

namespace Liberty.Devices.Bus;

/// <summary>
/// Where the device bus (and a virtual device's owner link) delivers device events: a task thread's event
/// queue, or an actor through <see cref="ActorDeviceEventSink"/>.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> <see cref="TryDeliver"/> is called from any thread (a device actor's) and must not
/// block. <b>Cancellation:</b> none. <b>Ordering:</b> calls from one thread are delivered in call order.</para>
/// </remarks>
public interface IDeviceEventSink
{
    /// <summary>Delivers one event.</summary>
    /// <param name="deviceEvent">The event.</param>
    /// <returns>False when the receiver's queue was full and the event was dropped (the bus counts it); true when queued.</returns>
    bool TryDeliver(DeviceEvent deviceEvent);
}
