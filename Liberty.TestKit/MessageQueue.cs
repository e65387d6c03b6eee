namespace Liberty.TestKit;

/// <summary>
/// The inbox of a test actor: unbounded FIFO with blocking and async waits. Any thread enqueues; the
/// test thread takes. A count semaphore tracks items so both wait styles share one queue.
/// </summary>
#pragma warning disable CA1001 // SemaphoreSlim owns no OS handle unless AvailableWaitHandle is read; the queue lives as long as its test.
internal sealed class MessageQueue
#pragma warning restore CA1001
{
    private readonly Lock _lock = new();
    private readonly Queue<ReceivedMessage> _items = new();
    private readonly SemaphoreSlim _available = new(0);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public void Enqueue(ReceivedMessage item)
    {
        lock (_lock)
        {
            _items.Enqueue(item);
        }
        _available.Release();
    }

    public bool TryTake(TimeSpan timeout, out ReceivedMessage item)
    {
        if (!_available.Wait(Clamp(timeout)))
        {
            item = null!;
            return false;
        }
        item = Dequeue();
        return true;
    }

    public async Task<ReceivedMessage?> TryTakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _available.WaitAsync(Clamp(timeout), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return Dequeue();
    }

    public bool TryPeek(out ReceivedMessage item)
    {
        lock (_lock)
        {
            return _items.TryPeek(out item!);
        }
    }

    private ReceivedMessage Dequeue()
    {
        lock (_lock)
        {
            return _items.Dequeue();
        }
    }

    private static TimeSpan Clamp(TimeSpan timeout) => timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
}
