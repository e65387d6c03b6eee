namespace Liberty.Actors.Dispatch;

/// <summary>
/// A user message in a mailbox: the message, its sender, and the queue link. One is allocated per
/// <see cref="IActorRef.Tell"/>; it is owned by exactly one queue at a time.
/// </summary>
internal sealed class Envelope(object message, IActorRef? sender)
{
    public object Message { get; } = message;

    public IActorRef? Sender { get; } = sender;

    /// <summary>The next envelope in an intrusive queue. Written by the producer that links it, read by the consumer.</summary>
    public Envelope? Next;
}
