namespace Liberty.Actors.Dispatch;

/// <summary>
/// A mailbox holding at most <c>capacity</c> user messages. <b>Full policy:</b> a message that finds
/// it full is not stored; <see cref="IActorRef.Tell"/> sends it to dead letters and
/// <see cref="ActorRefExtensions.TryTell"/> returns false. The producer is never blocked. System
/// messages are not counted and always fit.
/// </summary>
internal sealed class BoundedMailbox(int capacity) : Mailbox
{
    private MpscEnvelopeQueue _queue;

    // Reserved slots: incremented by a producer before enqueueing, decremented by the consumer after
    // dequeueing, so it never under-counts what the queue holds.
    private int _count;

    public int Capacity { get; } = capacity;

    public override int Count => Volatile.Read(ref _count);

    public override bool HasMessages => !_queue.IsEmpty;

    public override bool TryEnqueue(Envelope envelope)
    {
        while (true)
        {
            var c = Volatile.Read(ref _count);
            if (c >= Capacity)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _count, c + 1, c) == c)
            {
                break;
            }
        }
        _queue.Enqueue(envelope);
        return true;
    }

    public override bool TryDequeue(out Envelope envelope)
    {
        if (_queue.TryDequeue(out envelope))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }
        return false;
    }
}
