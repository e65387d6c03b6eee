using System.Diagnostics;

namespace Liberty.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/> or
/// <see cref="SetUtcNow"/>: virtual time for specs of anything that takes its time from a
/// <see cref="TimeProvider"/> (the actor scheduler, device transitions, task waits).
/// </summary>
/// <remarks>
/// <para><b>Contract:</b> <see cref="Advance"/> fires every timer that falls due within the advanced
/// span, in deadline order (ties in creation order), each with the clock set to that timer's deadline,
/// before it returns. A periodic timer fires once per period crossed. A callback may create, change or
/// dispose timers (including itself); a timer it arms for a deadline still inside the span fires in the
/// same call. Time never goes backwards.</para>
/// <para><b>Thread safety:</b> every member may be called from any thread. Callbacks run on the thread
/// that called <see cref="Advance"/>, never while an internal lock is held. Concurrent calls to
/// <see cref="Advance"/> are serialised.</para>
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>The default start: 2026-01-01T00:00:00Z, a fixed instant so runs are repeatable.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // _lock protects _now, _timers and _nextSequence. _advanceLock serialises Advance so that two
    // advancing threads cannot fire callbacks out of deadline order.
    private readonly Lock _lock = new();
    private readonly Lock _advanceLock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _nextSequence;
    private readonly TimeZoneInfo _localTimeZone;

    /// <summary>Creates a provider whose clock starts at <paramref name="start"/> (default <see cref="DefaultStart"/>).</summary>
    /// <param name="start">The initial UTC time.</param>
    /// <param name="localTimeZone">The zone reported as local (default UTC, so tests do not depend on the machine).</param>
    public ManualTimeProvider(DateTimeOffset? start = null, TimeZoneInfo? localTimeZone = null)
    {
        _now = (start ?? DefaultStart).ToUniversalTime();
        _localTimeZone = localTimeZone ?? TimeZoneInfo.Utc;
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _localTimeZone;

    /// <summary>Ticks per second of <see cref="GetTimestamp"/>: 1 tick = 100 ns, like <see cref="TimeSpan"/>.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>A monotonic timestamp: the virtual time in ticks since the epoch.</summary>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>The number of timers currently armed (not disposed and with a finite due time).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(static t => t.Armed);
            }
        }
    }

    /// <summary>The deadline of the earliest armed timer, or null when none is armed.</summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            lock (_lock)
            {
                return Earliest()?.Deadline;
            }
        }
    }

    /// <summary>
    /// Moves the clock forward by <paramref name="delta"/>, firing due timers in deadline order first.
    /// </summary>
    /// <param name="delta">How far to move; must not be negative. Zero fires timers already due.</param>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_advanceLock)
        {
            DateTimeOffset target;
            lock (_lock)
            {
                target = _now + delta;
            }
            RunUntil(target);
        }
    }

    /// <summary>Moves the clock to <paramref name="utcNow"/>, which must not be earlier than now.</summary>
    /// <param name="utcNow">The new time.</param>
    public void SetUtcNow(DateTimeOffset utcNow)
    {
        lock (_advanceLock)
        {
            lock (_lock)
            {
                if (utcNow < _now)
                {
                    throw new ArgumentOutOfRangeException(nameof(utcNow), utcNow, $"Virtual time cannot go back from {_now:O}.");
                }
            }
            RunUntil(utcNow);
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            timer.Sequence = _nextSequence++;
            _timers.Add(timer);
            timer.ArmLocked(_now, dueTime, period);
        }
        return timer;
    }

    private void RunUntil(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? due;
            lock (_lock)
            {
                due = Earliest();
                if (due is null || due.Deadline > target)
                {
                    _now = target;
                    return;
                }
                if (due.Deadline > _now)
                {
                    _now = due.Deadline;
                }
                // Re-arm (periodic) or disarm (one-shot) before the callback runs, so a callback that
                // calls Change on its own timer wins.
                // The sequence stays the creation rank, so ties keep creation order across re-arms (T5).
                if (due.Period > TimeSpan.Zero && due.Period != Timeout.InfiniteTimeSpan)
                {
                    due.Deadline += due.Period;
                }
                else
                {
                    due.Armed = false;
                }
            }
            due.Callback(due.State);
        }
    }

    private ManualTimer? Earliest()
    {
        Debug.Assert(_lock.IsHeldByCurrentThread);
        ManualTimer? best = null;
        foreach (var t in _timers)
        {
            if (t.Armed && (best is null || t.Deadline < best.Deadline || (t.Deadline == best.Deadline && t.Sequence < best.Sequence)))
            {
                best = t;
            }
        }
        return best;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        // All mutable fields are guarded by owner._lock. Sequence is the creation rank (tie-breaker).
        public TimerCallback Callback { get; } = callback;
        public object? State { get; } = state;
        public DateTimeOffset Deadline { get; set; }
        public TimeSpan Period { get; private set; }
        public bool Armed { get; set; }
        public long Sequence { get; set; }
        private bool _disposed;

        public void ArmLocked(DateTimeOffset now, TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return;
            }
            Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                Armed = false;
                return;
            }
            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            Deadline = now + dueTime;
            Armed = true;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                if (_disposed)
                {
                    return false;
                }
                ArmLocked(owner._now, dueTime, period);
                return true;
            }
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                _disposed = true;
                Armed = false;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
