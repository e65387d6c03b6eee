using Liberty.Devices.Model;

namespace Liberty.Devices.Bus;

/// <summary>
/// The cluster's side of the <see cref="DeviceEventBus"/>: it forwards local publishes to nodes that
/// subscribed, and binds/unbinds this node to remote devices as local interest comes and goes. Calls
/// come from any thread and must not block (queue the work).
/// </summary>
public interface IDeviceEventUplink
{
    /// <summary>A device of this node published an event.</summary>
    /// <param name="deviceEvent">The event.</param>
    void Published(DeviceEvent deviceEvent);

    /// <summary>The first local subscriber of a device arrived, or the last one left.</summary>
    /// <param name="deviceId">The device's numeric id.</param>
    /// <param name="hasLocalSubscribers">Whether any local subscriber remains.</param>
    void SubscriptionChanged(long deviceId, bool hasLocalSubscribers);
}
