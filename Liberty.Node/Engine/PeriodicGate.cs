namespace Liberty.Node.Engine;

/// <summary>
/// lilos <c>PeriodicGate</c> (L4): <see cref="Next"/> completes at once the first time, then at
/// start + k × interval, never drifting with the work done between ticks. After falling behind by k
/// periods, the next k calls complete at once (catch-up). Compare <see cref="ITaskContext.SleepFor"/>
/// in a loop, which keeps a minimum gap and so drifts by the work time: both exist on purpose.
/// </summary>
/// <remarks>
/// <b>Thread:</b> the creating thread's code. <b>Cancellation:</b> <see cref="Next"/> is strict: a
/// cancelled call does not consume the tick. <b>Ordering:</b> as <see cref="ITaskContext.SleepUntil"/>.
/// </remarks>
public sealed class PeriodicGate
{
    private readonly TaskThread _owner;
    private DateTimeOffset _next;

    internal PeriodicGate(TaskThread owner, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _owner = owner;
        Interval = interval;
        _next = owner.Time.GetUtcNow();
    }

    /// <summary>The period.</summary>
    public TimeSpan Interval { get; }

    /// <summary>When the next tick is due.</summary>
    public DateTimeOffset NextTick => _next;

    /// <summary>True when a tick is already overdue: the next <see cref="Next"/> will complete at once.</summary>
    public bool IsLagging => _owner.Time.GetUtcNow() > _next;

    /// <summary>Waits for the next tick.</summary>
    /// <param name="cancellationToken">Cancels the wait (strict).</param>
    /// <returns>Completes at the tick (at once when it is due already).</returns>
    public async Task Next(CancellationToken cancellationToken = default)
    {
        _owner.RequireOwnCode();
        var tick = _next;
        await _owner.SleepUntil(tick, cancellationToken).ConfigureAwait(true);
        _next = tick + Interval;
    }
}
