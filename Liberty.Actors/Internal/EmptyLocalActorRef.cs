using Liberty.Actors.Events;

namespace Liberty.Actors.Internal;

/// <summary>
/// A ref to a local path where no actor lives (a stale ref resolved from text): messages go to dead
/// letters; watching it yields Terminated with existence not confirmed.
/// </summary>
internal sealed class EmptyLocalActorRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path { get; } = path;

    public override ActorSystem System => system;

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is Identify identify)
        {
            sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
            return;
        }
        system.DeadLettersRef.Publish(new DeadLetter(message, sender, this));
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w)
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false, addressTerminated: false));
        }
    }
}
