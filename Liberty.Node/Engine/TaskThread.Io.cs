using Liberty.Node.Engine.Io;

namespace Liberty.Node.Engine;

/// <summary><see cref="ITaskContext.PollHandles"/> (I6).</summary>
public sealed partial class TaskThread
{
    /// <inheritdoc />
    public async Task<PollResult> PollHandles(IReadOnlyList<PollRequest> handles, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handles);
        RequireOwnCode();
        ThrowIfStopped();
        cancellationToken.ThrowIfCancellationRequested();
        var ready = new IoReadiness[handles.Count];
        if (CheckHandles(handles, ready))
        {
            return new PollResult(PollStatus.Ready, ready);
        }
        DateTimeOffset? deadline = timeout is { } t ? Time.GetUtcNow() + (t > TimeSpan.Zero ? t : TimeSpan.Zero) : null;
        var waited = false;
        while (true)
        {
            var region = Volatile.Read(ref _regionInterrupt);
            if (region is not null && (region.Task.IsCompleted || Volatile.Read(ref _interruptPending) == 1))
            {
                // The region's owner (Interruptible) clears the flag and reports the interrupt too.
                return new PollResult(PollStatus.Interrupted, new IoReadiness[handles.Count]);
            }
            if (waited && deadline is { } passed && Time.GetUtcNow() >= passed)
            {
                return new PollResult(PollStatus.TimedOut, ready);
            }
            var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var request in handles)
            {
                request.Handle.AddWaiter(wake);
            }
            ITimer? timer = null;
            var cancelRegistration = default(CancellationTokenRegistration);
            try
            {
                // Re-check after registering: a change between the first check and the registration
                // would otherwise be missed.
                if (CheckHandles(handles, ready))
                {
                    return new PollResult(PollStatus.Ready, ready);
                }
                var due = deadline is { } d ? d - Time.GetUtcNow() : Timeout.InfiniteTimeSpan;
                if (deadline is not null && due <= TimeSpan.Zero)
                {
                    // Shorter than the timer resolution: still wait once through the dispatcher.
                    await YieldCore().ConfigureAwait(true);
                }
                else
                {
                    if (deadline is not null)
                    {
                        timer = CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), wake, due);
                    }
                    if (cancellationToken.CanBeCanceled)
                    {
                        cancelRegistration = cancellationToken.UnsafeRegister(static s => ((TaskCompletionSource)s!).TrySetResult(), wake);
                    }
                    await System.Threading.Tasks.Task.WhenAny(wake.Task, StopSignal, region?.Task ?? wake.Task).ConfigureAwait(true);
                }
            }
            finally
            {
                timer?.Dispose();
                cancelRegistration.Unregister();
                foreach (var request in handles)
                {
                    request.Handle.RemoveWaiter(wake);
                }
            }
            waited = true;
            ThrowIfStopped();
            // The region's interrupt wins over the cancellation the region itself sends right after it
            // (Interruptible cancels the operation's token once it saw the interrupt).
            if (region is not null && region.Task.IsCompleted)
            {
                return new PollResult(PollStatus.Interrupted, new IoReadiness[handles.Count]);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (CheckHandles(handles, ready))
            {
                return new PollResult(PollStatus.Ready, ready);
            }
        }
    }

    private static bool CheckHandles(IReadOnlyList<PollRequest> handles, IoReadiness[] ready)
    {
        var any = false;
        for (var i = 0; i < handles.Count; i++)
        {
            ready[i] = handles[i].Handle.Readiness & handles[i].Interest;
            any |= ready[i] != IoReadiness.None;
        }
        return any;
    }
}
