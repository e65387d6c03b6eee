namespace Liberty.Node.Engine;

/// <summary>
/// lilos' cancel-safe mutex (L6) for task threads. FIFO: on release, ownership goes straight to the
/// oldest waiter (no barging: a thread that arrives meanwhile queues behind). The default access,
/// <see cref="Perform"/>, runs a synchronous action on the value, so no <c>await</c> can happen while it
/// is borrowed and the value can never be left half-updated by a cancellation.
/// </summary>
/// <typeparam name="T">The protected value.</typeparam>
/// <remarks>
/// <para><b>Thread:</b> task threads' code (the cooperative thread).</para>
/// <para><b>Cancellation</b> of <see cref="Perform"/>/<see cref="Lock"/>: before the first await, nothing
/// happened; while queued, the waiter leaves the queue (strict); after being granted but before resuming
/// (cancelled or stopped meanwhile), ownership passes on to the next waiter and the call throws —
/// the action does not run.</para>
/// <para><b>Ordering:</b> grants in arrival order.</para>
/// </remarks>
public sealed class Mutex<T>
{
    private readonly Lock _lock = new();

    // Guarded by _lock: who may touch _value, and the FIFO of waiters.
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private MutexState _state;

    // Touched only by the owner, inside Perform's action or through a guard.
    private T _value;

    /// <summary>Creates the mutex around <paramref name="value"/>.</summary>
    /// <param name="value">The initial value.</param>
    public Mutex(T value) => _value = value;

    private enum MutexState
    {
        Free,
        Held,
        HandingOff,
    }

    /// <summary>True while held or being handed to a waiter.</summary>
    public bool IsLocked
    {
        get
        {
            lock (_lock)
            {
                return _state != MutexState.Free;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> on the value if the mutex is free now; fails while it is held or handing off.</summary>
    /// <param name="action">The synchronous action.</param>
    /// <returns>Whether the action ran.</returns>
    public bool TryLock(MutexAction<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_lock)
        {
            if (_state != MutexState.Free)
            {
                return false;
            }
            _state = MutexState.Held;
        }
        try
        {
            action(ref _value);
        }
        finally
        {
            Release();
        }
        return true;
    }

    /// <summary>Waits for the mutex, then runs <paramref name="action"/> on the value and releases it.</summary>
    /// <param name="action">The synchronous action.</param>
    /// <param name="cancellationToken">Cancels the wait (see the type's remarks).</param>
    /// <returns>Completes after the action ran.</returns>
    public async Task Perform(MutexAction<T> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        await Acquire(cancellationToken).ConfigureAwait(true);
        try
        {
            action(ref _value);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>
    /// Waits for the mutex and returns a guard that holds it until disposed, across awaits (lilos'
    /// <c>lock_assuming_cancel_safe</c>): the caller promises the value stays consistent at every await.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (see the type's remarks).</param>
    /// <returns>The guard.</returns>
    public async Task<MutexGuard<T>> Lock(CancellationToken cancellationToken = default)
    {
        await Acquire(cancellationToken).ConfigureAwait(true);
        return new MutexGuard<T>(this);
    }

    internal ref T Value => ref _value;

    internal void Release()
    {
        TaskCompletionSource? next = null;
        lock (_lock)
        {
            if (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                next = first.Value;
                _state = MutexState.HandingOff;
            }
            else
            {
                _state = MutexState.Free;
            }
        }
        next?.TrySetResult();
    }

    private async Task Acquire(CancellationToken cancellationToken)
    {
        var thread = TaskThread.RequireCurrent("Mutex.Perform/Lock");
        thread.ThrowIfStopped();
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (_state == MutexState.Free && _waiters.Count == 0)
            {
                _state = MutexState.Held;
                return;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }
        try
        {
            await thread.AwaitWake(waiter.Task, cancellationToken).ConfigureAwait(true);
            // Granted, but cancelled before we resumed: pass ownership on (L6).
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException)
        {
            bool granted;
            lock (_lock)
            {
                granted = waiter.Task.IsCompleted;
                if (!granted)
                {
                    _waiters.Remove(node);
                }
            }
            if (granted)
            {
                Release();
            }
            throw;
        }
        lock (_lock)
        {
            _state = MutexState.Held;
        }
    }
}
