namespace Liberty.Actors.Cooperative;

// A one-shot timer served by the runner of a CooperativeExecutor on the real clock (CooperativeExecutor.CreateTimer).
// Due, Sequence and Index are written and read under the executor's _timerLock; Index is -1 when not pending.
internal sealed class CooperativeTimer(CooperativeExecutor executor, TimerCallback callback, object? state) : ITimer
{
    public long Due { get; set; }

    public long Sequence { get; set; }

    public int Index { get; set; } = -1;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A cooperative timer is one-shot.");
        }
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            executor.Disarm(this);
        }
        else
        {
            executor.Arm(this, dueTime);
        }
        return true;
    }

    // On the runner, once taken off the heap.
    public void Fire() => executor.RunTimerCallback(callback, state);

    public void Dispose() => executor.Disarm(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
