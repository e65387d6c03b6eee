namespace Liberty.Node.Engine;

/// <summary>
/// Contiki's event timer (T1–T4): owned by the thread that started it
/// (<see cref="ITaskContext.StartTimer"/>); each expiry queues one <see cref="TimerEvent"/> for that
/// thread only. An expiry that finds the queue full is retried, not lost (T3). Removed when the owner ends (T4).
/// </summary>
/// <remarks>
/// <b>Thread:</b> the owner's code only (every method checks; T1). <b>Cancellation:</b> not async.
/// <b>Ordering:</b> expiries follow the clock; ties fire in arming order (T5 under virtual time).
/// </remarks>
public sealed class EngineTimer
{
    private readonly TaskThread _owner;

    // The owner's code writes these; the expiry callback (any thread) reads _generation only.
    private DateTimeOffset _start;
    private int _generation;
    private bool _running;
    private ITimer? _timer;

    internal EngineTimer(TaskThread owner, TimeSpan interval)
    {
        _owner = owner;
        Interval = interval;
    }

    /// <summary>The period.</summary>
    public TimeSpan Interval { get; }

    /// <summary>When it expires (or expired): the start of the current period plus <see cref="Interval"/>.</summary>
    public DateTimeOffset Expiration => _start + Interval;

    /// <summary>True when it is armed and has not fired yet.</summary>
    public bool IsRunning => _running;

    /// <summary>True once the current period is over (also after <see cref="Stop"/>).</summary>
    public bool Expired => !_running || _owner.Time.GetUtcNow() >= Expiration;

    /// <summary>Re-arms drift-free from the previous expiry: <c>start += interval</c> (T2). An expiry already past fires at once.</summary>
    public void Reset()
    {
        _owner.RequireOwnCode();
        _start += Interval;
        Arm();
    }

    /// <summary>Re-arms from now: <c>start = now</c> (T2).</summary>
    public void Restart()
    {
        _owner.RequireOwnCode();
        _start = _owner.Time.GetUtcNow();
        Arm();
    }

    /// <summary>Disarms it; no event of it follows, also not one already queued (T2).</summary>
    public void Stop()
    {
        _owner.RequireOwnCode();
        Disarm();
    }

    /// <summary>Whether a queued event still belongs to the current arming.</summary>
    /// <summary>Stops the timer and forgets it (it leaves its owner's list; no event follows). Owner's code only.</summary>
    internal void Discard()
    {
        _owner.RequireOwnCode();
        Disarm();
        _owner.RemoveTimer(this);
    }

    internal bool IsCurrent(TimerEvent e) => e.Generation == Volatile.Read(ref _generation);

    /// <summary>Removes it when its owner ends (any thread).</summary>
    internal void Remove()
    {
        _running = false;
        Interlocked.Increment(ref _generation);
        _timer?.Dispose();
    }

    private void Disarm()
    {
        _running = false;
        Interlocked.Increment(ref _generation);
        _timer?.Dispose();
        _timer = null;
    }

    private void Arm()
    {
        Disarm();
        _running = true;
        var generation = Volatile.Read(ref _generation);
        var due = Expiration - _owner.Time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            Fire(generation);
            return;
        }
        _timer = _owner.CreateTimer(static s => { var (timer, g) = ((EngineTimer, int))s!; timer.Fire(g); }, (this, generation), due);
    }

    private void Fire(int generation)
    {
        if (Volatile.Read(ref _generation) != generation || _owner.IsEnded)
        {
            return;
        }
        _running = false;
        _owner.DeliverSystemEvent(new TimerEvent(this) { Generation = generation });
    }
}
