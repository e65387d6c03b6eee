namespace Liberty.Actors.Dispatch;

/// <summary>
/// A mailbox that hands out user messages by priority (lower number first), and in arrival order
/// among equal priorities ("stable"). Unbounded, guarded by a lock: priority needs a heap, and a heap
/// is not lock-free; use it where ordering matters more than raw speed.
/// </summary>
internal sealed class StablePriorityMailbox(Func<object, int> priority) : Mailbox
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<Envelope, (int Priority, long Sequence)> _queue = new();
    private long _sequence;
    private int _count;

    public override int Count => Volatile.Read(ref _count);

    public override bool HasMessages => Volatile.Read(ref _count) > 0;

    public override bool TryEnqueue(Envelope envelope)
    {
        var p = priority(envelope.Message);
        lock (_lock)
        {
            _queue.Enqueue(envelope, (p, _sequence++));
            _count++;
        }
        return true;
    }

    public override bool TryDequeue(out Envelope envelope)
    {
        lock (_lock)
        {
            if (_queue.TryDequeue(out envelope!, out _))
            {
                _count--;
                return true;
            }
        }
        return false;
    }
}
