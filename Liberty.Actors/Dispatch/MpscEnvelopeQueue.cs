namespace Liberty.Actors.Dispatch;

/// <summary>
/// An unbounded, intrusive, lock-free multi-producer single-consumer FIFO of envelopes (Vyukov's
/// queue without a stub node, so an empty queue costs two null fields).
/// </summary>
/// <remarks>
/// <b>Producers</b> (any thread) call <see cref="Enqueue"/>: one atomic exchange. <b>The consumer</b>
/// (the mailbox run; one at a time, guaranteed by the mailbox's scheduled flag) calls
/// <see cref="TryDequeue"/>. A producer that has swapped <c>_head</c> but not yet linked its node makes
/// the consumer either wait a few spins for the link (when the queue had items) or see the queue as
/// empty (when it had none); in the latter case that producer schedules the mailbox after linking, so
/// nothing is lost. <b>Ordering:</b> FIFO for each producer; linearised at the exchange.
/// </remarks>
internal struct MpscEnvelopeQueue
{
    // _head: last node linked (producers exchange it). _tail: next node to dequeue (consumer owns it,
    // except that the producer who found the queue empty publishes its node there).
    private Envelope? _head;
    private Envelope? _tail;

    public bool IsEmpty => Volatile.Read(ref _head) is null;

    /// <summary>
    /// Counts the linked nodes from the consumer's end. Safe from any thread (a racing dequeue or a
    /// producer not yet linked makes the result low); exact when the queue is quiescent.
    /// </summary>
    public readonly int CountApproximately()
    {
        var count = 0;
        for (var e = Volatile.Read(in _tail); e is not null && count < int.MaxValue; e = Volatile.Read(in e.Next))
        {
            count++;
        }
        return count;
    }

    public void Enqueue(Envelope envelope)
    {
        envelope.Next = null;
        var previous = Interlocked.Exchange(ref _head, envelope);
        if (previous is null)
        {
            Volatile.Write(ref _tail, envelope);
        }
        else
        {
            Volatile.Write(ref previous.Next, envelope);
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        var tail = Volatile.Read(ref _tail);
        if (tail is null)
        {
            envelope = null!;
            return false;
        }
        var next = Volatile.Read(ref tail.Next);
        if (next is null)
        {
            // tail looks like the last node: try to empty the queue; if a producer got in first, wait
            // for it to link its node behind tail.
            Volatile.Write(ref _tail, null);
            if (Interlocked.CompareExchange(ref _head, null, tail) != tail)
            {
                var spin = new SpinWait();
                while ((next = Volatile.Read(ref tail.Next)) is null)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
                Volatile.Write(ref _tail, next);
            }
        }
        else
        {
            Volatile.Write(ref _tail, next);
        }
        tail.Next = null;
        envelope = tail;
        return true;
    }
}
