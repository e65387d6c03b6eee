using Akka.Actor;
using Liberty.Devices.Actors;

namespace Liberty.Node.Cluster;

/// <summary>Hands local directory changes to the <see cref="DeviceGateway"/>, which writes the fleet directory.</summary>
/// <param name="gateway">The gateway actor.</param>
internal sealed class ClusterDirectoryObserver(IActorRef gateway) : IDeviceDirectoryObserver
{
    /// <inheritdoc />
    public void LocalDeviceChanged(DeviceEntry entry, DeviceDirectoryChange change) =>
        gateway.Tell(new LocalDeviceChanged(entry, change), ActorRefs.NoSender);
}
