using System.Collections.Concurrent;

namespace Liberty.Node.Engine;

/// <summary>
/// A task thread's own bounded event queue (E1): many producers (posters, device actors, timers, the
/// thread's actor), one consumer (the thread's code through <c>GetEvent</c>). A full queue refuses the
/// event (E2) instead of growing; the caller decides whether that is a drop (counted) or a deferral (T3).
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> <see cref="TryEnqueue"/> and <see cref="Count"/> from any thread;
/// <see cref="TryDequeue"/> only by the consumer. <b>Cancellation:</b> none.
/// <b>Ordering:</b> FIFO per producer; the count reserves a slot before the item is stored, so a
/// concurrent reader may see a count one ahead of what it can dequeue (it re-checks: S4).</para>
/// </remarks>
internal sealed class EventQueue(int capacity)
{
    private readonly ConcurrentQueue<object> _items = new();

    // Reserved slots: incremented before an item is stored, decremented after one is taken.
    private int _count;

    public int Capacity { get; } = capacity;

    public int Count => Volatile.Read(ref _count);

    public bool TryEnqueue(object item)
    {
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _items.Enqueue(item);
        return true;
    }

    public bool TryDequeue(out object item)
    {
        if (_items.TryDequeue(out item!))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }
        return false;
    }
}
