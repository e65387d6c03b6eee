using SysTask = System.Threading.Tasks.Task;

namespace Liberty.Node.Engine;

/// <summary>The <see cref="ITaskContext"/> members (contracts on the interface).</summary>
public sealed partial class TaskThread
{
    /// <inheritdoc />
    public Task<WakeReason> Wait(TimeSpan? timeout = null)
    {
        RequireOwnCode();
        ThrowIfStopped();
        // Wait(0) is the hot switch of cooperative code: one state machine instead of three (same
        // semantics: a yield to the back of the ready queue, then the wake flag is cleared).
        return timeout is { } zero && zero == TimeSpan.Zero ? YieldForWait() : WaitSlow(timeout);
    }

    private async Task<WakeReason> YieldForWait()
    {
        try
        {
            await SysTask.Yield();
            ThrowIfStopped();
            return WakeReason.Yielded;
        }
        finally
        {
            EndWait();
        }
    }

    // Wait with a timeout other than zero, or none: one state machine around Park (the event-wait loop of
    // WaitForEvent inlined), as a thread waiting for events switches as often as a yielding one.
    private async Task<WakeReason> WaitSlow(TimeSpan? timeout)
    {
        try
        {
            if (HasEvents)
            {
                await SysTask.Yield();
                ThrowIfStopped();
                return WakeReason.Event;
            }
            DateTimeOffset? deadline = timeout is { } t && t > TimeSpan.Zero ? Time.GetUtcNow() + t : null;
            while (true)
            {
                var reason = await Park(deadline, wakeOnEvent: true, CancellationToken.None).ConfigureAwait(true);
                // A wake by an event that is gone (a stale one raced us) is spurious: park again (S4).
                if (reason != WakeReason.Event || HasEvents)
                {
                    return reason;
                }
            }
        }
        finally
        {
            EndWait();
        }
    }

    /// <inheritdoc />
    public async Task<WakeReason> WaitUntil(DateTimeOffset deadline)
    {
        RequireOwnCode();
        ThrowIfStopped();
        try
        {
            return await WaitUntilCore(deadline).ConfigureAwait(true);
        }
        finally
        {
            EndWait();
        }
    }

    private async Task<WakeReason> WaitUntilCore(DateTimeOffset deadline)
    {
        if (deadline <= Time.GetUtcNow())
        {
            await YieldCore().ConfigureAwait(true);
            return WakeReason.Yielded;
        }
        if (HasEvents)
        {
            await YieldCore().ConfigureAwait(true);
            return WakeReason.Event;
        }
        return await WaitForEvent(deadline).ConfigureAwait(true);
    }

    private async Task<WakeReason> WaitForEvent(DateTimeOffset? deadline)
    {
        while (true)
        {
            var reason = await Park(deadline, wakeOnEvent: true, CancellationToken.None).ConfigureAwait(true);
            // A wake by an event that is gone (a stale one raced us) is spurious: park again (S4).
            if (reason != WakeReason.Event || HasEvents)
            {
                return reason;
            }
        }
    }

    /// <inheritdoc />
    public object? GetEvent()
    {
        RequireOwnCode();
        if (_initPending)
        {
            _initPending = false;
            return InitEvent.Instance;
        }
        if (Interlocked.Exchange(ref _pollPending, 0) == 1)
        {
            return PollEvent.Instance;
        }
        while (Queue.TryDequeue(out var message))
        {
            RetryOneOverflowed();
            if (message is TimerEvent timerEvent && !timerEvent.Timer.IsCurrent(timerEvent))
            {
                continue;
            }
            _takenSinceWait = true;
            return message;
        }
        while (_overflow.TryDequeue(out var deferred))
        {
            if (deferred is TimerEvent timerEvent && !timerEvent.Timer.IsCurrent(timerEvent))
            {
                continue;
            }
            _takenSinceWait = true;
            return deferred;
        }
        return null;
    }

    // T3: a slot was freed; move the oldest deferred expiry into the queue, behind what is queued.
    private void RetryOneOverflowed()
    {
        if (_overflow.TryPeek(out var deferred) && Queue.TryEnqueue(deferred))
        {
            _overflow.TryDequeue(out _);
        }
    }

    /// <inheritdoc />
    public async Task<object> WaitEventUntil(Func<object, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        RequireOwnCode();
        await YieldCore().ConfigureAwait(true);
        while (true)
        {
            while (GetEvent() is { } e)
            {
                if (condition(e))
                {
                    return e;
                }
            }
            await Park(null, wakeOnEvent: true, cancellationToken).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public Task YieldCpu()
    {
        RequireOwnCode();
        ThrowIfStopped();
        return YieldCore();
    }

    /// <inheritdoc />
    public Task SleepFor(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        RequireOwnCode();
        return SleepUntilCore(Time.GetUtcNow() + duration, cancellationToken);
    }

    /// <inheritdoc />
    public Task SleepUntil(DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        RequireOwnCode();
        return SleepUntilCore(deadline, cancellationToken);
    }

    private Task SleepUntilCore(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ThrowIfStopped();
        cancellationToken.ThrowIfCancellationRequested();
        return deadline <= Time.GetUtcNow() ? SysTask.CompletedTask : Sleep(deadline, cancellationToken);

        async Task Sleep(DateTimeOffset deadline, CancellationToken cancellationToken)
        {
            while (await Park(deadline, wakeOnEvent: false, cancellationToken).ConfigureAwait(true) != WakeReason.Deadline)
            {
            }
        }
    }

    /// <inheritdoc />
    public Task<TimeoutResult<T>> WithTimeout<T>(TimeSpan timeout, Func<CancellationToken, Task<T>> operation)
    {
        RequireOwnCode();
        return WithDeadline(Time.GetUtcNow() + timeout, operation);
    }

    /// <inheritdoc />
    public async Task<TimeoutResult<T>> WithDeadline<T>(DateTimeOffset deadline, Func<CancellationToken, Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        RequireOwnCode();
        ThrowIfStopped();
        if (deadline <= Time.GetUtcNow())
        {
            return new TimeoutResult<T>(true, default);
        }
        var expired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        Task<T> op;
        using (var timer = CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), expired, deadline - Time.GetUtcNow()))
        {
            op = operation(cancel.Token);
            await SysTask.WhenAny(op, expired.Task, StopSignal).ConfigureAwait(true);
        }
        ThrowIfStopped();
        // The deadline is checked first: it wins a tie with the operation's completion (L3).
        if (expired.Task.IsCompleted || Time.GetUtcNow() >= deadline)
        {
            await CancelAndDrain(cancel, op).ConfigureAwait(true);
            return new TimeoutResult<T>(true, default);
        }
        return new TimeoutResult<T>(false, await op.ConfigureAwait(true));
    }

    // Cancels an operation and waits for it, so its cleanup has run; its cancellation is not an error.
    private async Task CancelAndDrain(CancellationTokenSource cancel, Task operation)
    {
        await cancel.CancelAsync().ConfigureAwait(true);
        try
        {
            await operation.ConfigureAwait(true);
        }
        catch (OperationCanceledException) when (!IsStopRequested)
        {
        }
    }

    /// <inheritdoc />
    public PeriodicGate CreatePeriodicGate(TimeSpan interval)
    {
        RequireOwnCode();
        return new PeriodicGate(this, interval);
    }

    /// <inheritdoc />
    public EngineTimer StartTimer(TimeSpan interval)
    {
        RequireOwnCode();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ThrowIfStopped();
        var timer = new EngineTimer(this, interval);
        AddTimer(timer);
        timer.Restart();
        return timer;
    }

    /// <inheritdoc />
    public PostResult Post(TaskThread to, int eventNumber, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        return to.TryPost(new PostedEvent(eventNumber, data, this));
    }

    /// <inheritdoc />
    public PostSyncResult PostSync(TaskThread to, int eventNumber, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        // Own code, or this thread's sync handler running nested in another thread's slice.
        if (!TaskHost.IsRunningSyncHandler(this))
        {
            RequireOwnCode();
        }
        return TaskHost.PostSync(this, to, new PostedEvent(eventNumber, data, this));
    }

    /// <inheritdoc />
    public void SetSyncHandler(Func<PostedEvent, object?>? handler)
    {
        RequireOwnCode();
        _syncHandler = handler;
    }

    /// <summary>The sync handler (read by the host on the cooperative thread).</summary>
    public Func<PostedEvent, object?>? SyncHandler => _syncHandler;

    /// <inheritdoc />
    public BroadcastResult Broadcast(int eventNumber, object? data = null) => _host.Broadcast(eventNumber, data, this);

    /// <inheritdoc />
    public void SubscribeBroadcasts(bool subscribe)
    {
        RequireOwnCode();
        _host.SetBroadcastSubscription(this, subscribe);
    }

    /// <inheritdoc />
    public void Poll(TaskThread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        thread.RequestPoll();
    }

    /// <inheritdoc />
    public bool TryAllocateEventNumber(out int eventNumber) => _host.TryAllocateEventNumber(out eventNumber);

    /// <inheritdoc />
    public void Watch(TaskThread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        thread.AddWatcher(this);
    }

    /// <inheritdoc />
    public void Watch(TaskRun task)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.AddWatcher(this);
    }

    /// <inheritdoc />
    public async Task<InterruptibleResult<T>> Interruptible<T>(Func<CancellationToken, Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        RequireOwnCode();
        ThrowIfStopped();
        // I2: opening a region with an interrupt pending returns at once and clears the flag.
        if (Interlocked.Exchange(ref _interruptPending, 0) == 1)
        {
            return new InterruptibleResult<T>(true, default);
        }
        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outer = Interlocked.Exchange(ref _regionInterrupt, interrupted);
        if (Volatile.Read(ref _interruptPending) == 1)
        {
            interrupted.TrySetResult();
        }
        using var cancel = new CancellationTokenSource();
        Task<T> op;
        try
        {
            op = operation(cancel.Token);
            if (!op.IsCompleted)
            {
                await SysTask.WhenAny(op, interrupted.Task, StopSignal).ConfigureAwait(true);
            }
        }
        finally
        {
            Volatile.Write(ref _regionInterrupt, outer);
        }
        ThrowIfStopped();
        // I3: the interrupt wins over a completion that arrived at the same moment.
        if (Interlocked.Exchange(ref _interruptPending, 0) == 1)
        {
            if (op.IsCompleted)
            {
                _ = op.Exception;
            }
            else
            {
                await CancelAndDrain(cancel, op).ConfigureAwait(true);
            }
            return new InterruptibleResult<T>(true, default);
        }
        return new InterruptibleResult<T>(false, await op.ConfigureAwait(true));
    }

    /// <inheritdoc />
    public void Interrupt(TaskThread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        thread.RequestInterrupt();
    }

    /// <inheritdoc />
    public TaskThread NewThread(Func<ITaskContext, Task> entry, ThreadStartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        RequireOwnCode();
        ThrowIfStopped();
        return _host.StartThread(Task, entry, options ?? ThreadStartOptions.Default);
    }

    /// <inheritdoc />
    public void ExitThread()
    {
        RequireOwnCode();
        throw new ThreadExitException();
    }

    /// <inheritdoc />
    public void ExitThread(TaskThread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        if (!ReferenceEquals(thread.Task, Task))
        {
            throw new ArgumentException($"{thread} belongs to another task than thread {Id} (task {Task.Id}).", nameof(thread));
        }
        if (ReferenceEquals(thread, this))
        {
            ExitThread();
        }
        thread.RequestStop();
    }
}
