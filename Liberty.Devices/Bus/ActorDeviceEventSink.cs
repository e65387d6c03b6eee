using Akka.Actor;
using Liberty.Devices.Model;

namespace Liberty.Devices.Bus;

/// <summary>A sink that tells an actor (its mailbox is unbounded: it never refuses).</summary>
/// <param name="Actor">The actor; events arrive as <see cref="DeviceEvent"/> messages with no sender.</param>
public sealed record ActorDeviceEventSink(IActorRef Actor) : IDeviceEventSink
{

    /// <inheritdoc />
    public bool TryDeliver(DeviceEvent deviceEvent)
    {
        Actor.Tell(deviceEvent, ActorRefs.NoSender);
        return true;
    }
}
