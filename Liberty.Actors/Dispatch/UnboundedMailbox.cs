namespace Liberty.Actors.Dispatch;

/// <summary>The default mailbox: unbounded, lock-free, FIFO per sender. Never reports full.</summary>
/// <remarks>
/// No message counter: a shared counter would add two atomic operations per message on the cache line
/// that producers and the consumer already contend for. <see cref="Count"/> walks the queue instead.
/// </remarks>
internal sealed class UnboundedMailbox : Mailbox
{
    private MpscEnvelopeQueue _queue;

    /// <summary>Walks the queue: exact when no producer or consumer is active, approximate otherwise. O(n); for diagnostics.</summary>
    public override int Count => _queue.CountApproximately();

    public override bool HasMessages => !_queue.IsEmpty;

    public override bool TryEnqueue(Envelope envelope)
    {
        _queue.Enqueue(envelope);
        return true;
    }

    public override bool TryDequeue(out Envelope envelope) => _queue.TryDequeue(out envelope);
}
