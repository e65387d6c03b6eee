using Akka.Actor;
using Liberty.Devices.Bus;
using Liberty.Devices.Model;

namespace Liberty.Node.Cluster;

/// <summary>
/// The bus's uplink on a cluster: a local publish goes straight to the nodes that watch the device (none: no message),
/// and a change of local interest goes to this node's <see cref="RemoteDevices"/>, which watches or unwatches the
/// remote device at its owner.
/// </summary>
/// <remarks>
/// <b>Thread:</b> called by the bus on the publisher's thread (a device actor) and the subscriber's; never blocks (Tells only).
/// <b>Ordering:</b> events of one device are sent from its actor's thread in publish order, after any snapshot that actor
/// answered before, over one connection per node: a watcher sees them in that order.
/// </remarks>
/// <param name="subscribers">Who watches which local device.</param>
/// <param name="remoteDevices">This node's <see cref="RemoteDevices"/> actor.</param>
/// <param name="clock">Stamps remote events.</param>
internal sealed class ClusterDeviceUplink(RemoteSubscribers subscribers, IActorRef remoteDevices, TimeProvider clock) : IDeviceEventUplink
{
    /// <inheritdoc />
    public void Published(DeviceEvent deviceEvent)
    {
        var watchers = subscribers.Of(deviceEvent.Id);
        if (watchers.Length == 0)
        {
            return;
        }
        var message = new RemoteDeviceEvent(deviceEvent, clock.GetUtcNow());
        foreach (var watcher in watchers)
        {
            watcher.Tell(message, ActorRefs.NoSender);
        }
        subscribers.CountSent(watchers.Length);
    }

    /// <inheritdoc />
    public void SubscriptionChanged(long deviceId, bool hasLocalSubscribers) =>
        remoteDevices.Tell(new LocalInterestChanged(deviceId, hasLocalSubscribers), ActorRefs.NoSender);
}
