using Liberty.Actors.Events;

namespace Liberty.Actors.Internal;

internal sealed partial class ActorCell
{
    // True while an async handler's task is pending (the mailbox is suspended meanwhile). Actor thread only.
    private bool _asyncRunning;

    public TimeSpan? ReceiveTimeout => ReceiveTimeoutSpan;

    /// <summary>
    /// Starts an async handler: the mailbox is suspended until its task completes; continuations run
    /// inside this actor as system messages.
    /// </summary>
    public void RunAsyncHandler(Func<Task> handler)
    {
        var outer = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(SyncContext ??= new ActorSynchronizationContext(this));
        Task task;
        try
        {
            task = handler();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outer);
        }
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        _asyncRunning = true;
        Mailbox.SuspendOnce();
        task.ContinueWith(
            static (t, state) => ((ActorCell)state!).SendSystemMessage(new AsyncHandlerCompleted(t.Exception?.InnerException ?? (t.IsCanceled ? new TaskCanceledException(t) : null))),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void HandleContinuation(RunContinuation continuation)
    {
        if (_abandoned || _state == StateTerminated)
        {
            return;
        }
        var outer = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(SyncContext ??= new ActorSynchronizationContext(this));
        try
        {
            continuation.Callback(continuation.State);
        }
#pragma warning disable CA1031 // A continuation's exception faults its task; anything escaping here is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Publish(LogLevel.Error, $"Async continuation threw {ex.GetType().Name}: {ex.Message}", ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outer);
        }
    }

    private void HandleAsyncCompleted(AsyncHandlerCompleted completed)
    {
        if (!_asyncRunning || _state >= StateTerminating)
        {
            return;
        }
        var message = _current?.Message;
        _asyncRunning = false;
        _current = null;
        if (completed.Error is { } error)
        {
            // The failure keeps the mailbox suspended (the async suspension becomes the failure's).
            _asyncRunning = true;
            HandleInvokeFailure(error, message);
            return;
        }
        Mailbox.ResumeOnce();
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A receive timeout must be positive (or null to turn it off).");
        }
        ReceiveTimeoutSpan = timeout;
        if (timeout is null)
        {
            CancelReceiveTimeout();
        }
        else
        {
            RescheduleReceiveTimeout();
        }
    }

    private void RescheduleReceiveTimeout()
    {
        if (ReceiveTimeoutSpan is not { } t)
        {
            return;
        }
        if (ReceiveTimeoutTimer is null)
        {
            ReceiveTimeoutTimer = System.TimeProvider.CreateTimer(static s => ((ActorCell)s!).Self.Tell(Actors.ReceiveTimeout.Instance, null), this, t, Timeout.InfiniteTimeSpan);
        }
        else
        {
            ReceiveTimeoutTimer.Change(t, Timeout.InfiniteTimeSpan);
        }
    }

    private void CancelReceiveTimeout()
    {
        ReceiveTimeoutTimer?.Dispose();
        ReceiveTimeoutTimer = null;
    }

    /// <summary>Runs await continuations of an actor's async handler inside the actor.</summary>
    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) => cell.SendSystemMessage(new RunContinuation(d, state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new InvalidOperationException("Synchronous Send into an actor would block; use Post.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
