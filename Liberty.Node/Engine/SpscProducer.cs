namespace Liberty.Node.Engine;

/// <summary>The producing half of a <see cref="SpscQueue{T}"/>.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>
/// <b>Thread:</b> one producer. <b>Cancellation:</b> <see cref="Push"/> is strict: cancelled, the item
/// was not pushed. <b>Ordering:</b> FIFO.
/// </remarks>
public sealed class SpscProducer<T>
{
    private readonly SpscQueue<T> _queue;

    internal SpscProducer(SpscQueue<T> queue) => _queue = queue;

    /// <summary>Pushes unless the queue is full; on false the caller still has the item (it is "handed back").</summary>
    /// <param name="item">The item.</param>
    /// <returns>Whether it was pushed.</returns>
    public bool TryPush(T item) => _queue.TryPush(item);

    /// <summary>Waits for space, then pushes.</summary>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels the wait (strict).</param>
    /// <returns>Completes once pushed.</returns>
    public Task Push(T item, CancellationToken cancellationToken = default) => _queue.Push(item, cancellationToken);
}
