using Liberty.Actors.Events;
using Liberty.Actors.Internal;

namespace Liberty.Actors.Remote;

/// <summary>
/// A ref to an actor on another node: messages are serialized and handed to the transport; watches
/// become remote watch signals, and the loss of the node turns into Terminated.
/// </summary>
internal sealed class RemoteActorRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path { get; } = path;

    public override ActorSystem System => system;

    public override bool IsLocal => false;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var remote = system.Remote;
        if (remote is null || !remote.SendUser(this, message, sender))
        {
            system.DeadLettersRef.Publish(new DeadLetter(message, sender, this));
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        var remote = system.Remote;
        switch (message)
        {
            case Watch w when ReferenceEquals(w.Watchee, this) || w.Watchee.Equals(this):
                if (remote is null || system.IsAddressTerminated(Path.Address))
                {
                    w.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: remote is not null, addressTerminated: true));
                    return;
                }
                system.RegisterRemoteWatcher(Path.Address, w.Watcher);
                remote.SendSignal(RemoteEnvelopeKind.Watch, this, w.Watcher);
                break;
            case Unwatch u:
                remote?.SendSignal(RemoteEnvelopeKind.Unwatch, this, u.Watcher);
                break;
            case DeathWatchNotification n:
                // This ref stands for a remote watcher of a local actor (see RemoteDelivery): tell it the actor died.
                remote?.SendSignal(RemoteEnvelopeKind.DeathWatchNotification, this, ActorSystem.AsInternal(n.Actor));
                break;
            case Terminate:
                Tell(PoisonPill.Instance, null);
                break;
            default:
                break;
        }
    }
}
