namespace Liberty.Node.Engine;

/// <summary>The consuming half of a <see cref="SpscQueue{T}"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <b>Thread:</b> one consumer. <b>Cancellation:</b> <see cref="Pop"/> is strict: cancelled, no item
/// was taken. <b>Ordering:</b> FIFO.
/// </remarks>
public sealed class SpscConsumer<T>
{
    private readonly SpscQueue<T> _queue;

    internal SpscConsumer(SpscQueue<T> queue) => _queue = queue;

    /// <summary>Takes the oldest item if there is one.</summary>
    /// <param name="item">The item.</param>
    /// <returns>Whether an item was taken.</returns>
    public bool TryPop(out T item) => _queue.TryPop(out item);

    /// <summary>Waits for an item and takes it.</summary>
    /// <param name="cancellationToken">Cancels the wait (strict).</param>
    /// <returns>The oldest item.</returns>
    public Task<T> Pop(CancellationToken cancellationToken = default) => _queue.Pop(cancellationToken);
}
