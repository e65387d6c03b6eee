namespace Liberty.Node.Engine;

/// <summary>
/// lilos' bounded single-producer single-consumer queue (L7): holds exactly <see cref="Capacity"/>
/// items, FIFO. The one producer and the one consumer are the two halves <see cref="Split"/> hands out
/// once, so the API's shape enforces "one of each".
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks><b>Thread:</b> try-methods from any thread; awaiting ones from a task thread's code.</remarks>
public sealed class SpscQueue<T>
{
    private readonly Lock _lock = new();

    // Guarded by _lock.
    private readonly Queue<T> _items;
    private TaskCompletionSource? _spaceWaiter;
    private TaskCompletionSource? _itemWaiter;
    private bool _split;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="capacity">How many items it holds; must be positive.</param>
    public SpscQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _items = new Queue<T>(capacity);
    }

    /// <summary>How many items it holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Items in it now.</summary>
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

    /// <summary>Hands out the producer and the consumer; only once.</summary>
    /// <returns>The two halves.</returns>
    /// <exception cref="InvalidOperationException">Called a second time.</exception>
    public (SpscProducer<T> Producer, SpscConsumer<T> Consumer) Split()
    {
        lock (_lock)
        {
            if (_split)
            {
                throw new InvalidOperationException("SpscQueue.Split hands out its producer and consumer only once.");
            }
            _split = true;
        }
        return (new SpscProducer<T>(this), new SpscConsumer<T>(this));
    }

    internal bool TryPush(T item)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_items.Count >= Capacity)
            {
                return false;
            }
            _items.Enqueue(item);
            wake = _itemWaiter;
            _itemWaiter = null;
        }
        wake?.TrySetResult();
        return true;
    }

    internal bool TryPop(out T item)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (!_items.TryDequeue(out item!))
            {
                return false;
            }
            wake = _spaceWaiter;
            _spaceWaiter = null;
        }
        wake?.TrySetResult();
        return true;
    }

    internal async Task Push(T item, CancellationToken cancellationToken)
    {
        var thread = TaskThread.RequireCurrent("SpscProducer.Push");
        while (true)
        {
            thread.ThrowIfStopped();
            cancellationToken.ThrowIfCancellationRequested();
            TaskCompletionSource waiter;
            lock (_lock)
            {
                if (_items.Count < Capacity)
                {
                    _items.Enqueue(item);
                    var wake = _itemWaiter;
                    _itemWaiter = null;
                    wake?.TrySetResult();
                    return;
                }
                waiter = _spaceWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            await thread.AwaitWake(waiter.Task, cancellationToken).ConfigureAwait(true);
        }
    }

    internal async Task<T> Pop(CancellationToken cancellationToken)
    {
        var thread = TaskThread.RequireCurrent("SpscConsumer.Pop");
        while (true)
        {
            thread.ThrowIfStopped();
            cancellationToken.ThrowIfCancellationRequested();
            if (TryPop(out var item))
            {
                return item;
            }
            TaskCompletionSource waiter;
            lock (_lock)
            {
                if (_items.Count > 0)
                {
                    continue;
                }
                waiter = _itemWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            await thread.AwaitWake(waiter.Task, cancellationToken).ConfigureAwait(true);
        }
    }
}
