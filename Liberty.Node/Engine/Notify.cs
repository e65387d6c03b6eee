namespace Liberty.Node.Engine;

/// <summary>
/// lilos <c>Notify</c> (L5): <see cref="Signal"/> wakes every thread waiting now and stores nothing (a
/// signal with no waiter is lost). <see cref="Until"/> checks its condition <b>first</b> and returns at
/// once if it holds, then re-checks it after every wake, so spurious wakes are harmless (S4). This is
/// not Contiki's <see cref="ITaskContext.WaitEventUntil"/>, which always yields and consumes events.
/// </summary>
/// <remarks>
/// <b>Thread:</b> <see cref="Until"/> and <see cref="Wait"/> from a task thread's code; <see cref="Signal"/>
/// from any thread. <b>Cancellation:</b> strict (a cancelled waiter leaves the list). <b>Ordering:</b>
/// waiters resume in the order they started waiting.
/// </remarks>
public sealed class Notify
{
    private readonly Lock _lock = new();

    // Waiters of the current round; guarded by _lock; swapped out by Signal.
    private List<TaskCompletionSource> _waiters = [];

    /// <summary>Wakes every current waiter.</summary>
    public void Signal()
    {
        List<TaskCompletionSource> woken;
        lock (_lock)
        {
            if (_waiters.Count == 0)
            {
                return;
            }
            woken = _waiters;
            _waiters = [];
        }
        foreach (var waiter in woken)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Waits for the next <see cref="Signal"/> (no condition: any wake returns).</summary>
    /// <param name="cancellationToken">Cancels the wait (strict).</param>
    /// <returns>Completes after the next signal.</returns>
    public Task Wait(CancellationToken cancellationToken = default)
    {
        var thread = TaskThread.RequireCurrent("Notify.Wait");
        return WaitOnce(thread, cancellationToken);
    }

    /// <summary>Returns once <paramref name="condition"/> holds: at once when it holds now; otherwise re-checked after every signal.</summary>
    /// <param name="condition">The condition (runs on the waiting thread).</param>
    /// <param name="cancellationToken">Cancels the wait (strict).</param>
    /// <returns>Completes when the condition holds.</returns>
    public async Task Until(Func<bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var thread = TaskThread.RequireCurrent("Notify.Until");
        while (!condition())
        {
            await WaitOnce(thread, cancellationToken).ConfigureAwait(true);
        }
    }

    private async Task WaitOnce(TaskThread thread, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add(waiter);
        }
        try
        {
            await thread.AwaitWake(waiter.Task, cancellationToken).ConfigureAwait(true);
        }
        finally
        {
            if (!waiter.Task.IsCompleted)
            {
                lock (_lock)
                {
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
