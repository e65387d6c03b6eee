using Liberty.Actors.Events;

namespace Liberty.Actors.Internal;

/// <summary>
/// Where undeliverable messages go (<c>/deadLetters</c>): each becomes a <see cref="DeadLetter"/> on
/// the event stream, and is counted.
/// </summary>
internal sealed class DeadLettersRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    private long _count;

    public override ActorPath Path { get; } = path;

    public override ActorSystem System => system;

    /// <summary>Dead letters so far.</summary>
    public long Count => Volatile.Read(ref _count);

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Publish(message is DeadLetter d ? d : new DeadLetter(message, sender, this));
    }

    public void Publish(DeadLetter letter)
    {
        Interlocked.Increment(ref _count);
        if (letter.Message is not DeadLetter)
        {
            system.EventStream.Publish(letter);
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w)
        {
            w.Watcher.SendSystemMessage(new DeathWatchNotification(w.Watchee, existenceConfirmed: false, addressTerminated: false));
        }
    }
}
