namespace Liberty.Actors.Dispatch;

/// <summary>The default mailbox: unbounded, lock-free, FIFO per sender. Never reports full.</summary>
internal sealed class UnboundedMailbox : Mailbox
{
    private MpscEnvelopeQueue _queue;
    private int _count;

    public override int Count => Volatile.Read(ref _count);

    public override bool HasMessages => !_queue.IsEmpty;

    public override bool TryEnqueue(Envelope envelope)
    {
        Interlocked.Increment(ref _count);
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
