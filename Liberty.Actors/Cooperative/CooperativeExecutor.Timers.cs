using System.Diagnostics;

namespace Liberty.Actors.Cooperative;

/// <summary>The executor's own timers: deadlines the runner checks between slices and sleeps until.</summary>
public sealed partial class CooperativeExecutor
{
    // Longest single sleep of an idle runner with a timer pending (it re-checks and sleeps again): keeps the tick
    // arithmetic far from overflow.
    private const long MaxSleepMilliseconds = 60_000;

    // Pending timers, a binary min-heap on (due, sequence); each timer knows its index. Guarded by _timerLock.
    private readonly Lock _timerLock = new();
    private CooperativeTimer[] _timerHeap = new CooperativeTimer[16];
    private int _timerCount;
    private long _timerSequence;

    // The earliest due stamp (clock timestamp units), long.MaxValue when none: read by the runner without the lock
    // after every slice. Written under _timerLock with a full fence (the runner's sleep check reads it after it set
    // _sleeping, and a timer added from another thread reads _sleeping after it wrote this).
    private long _nextDue = long.MaxValue;

    /// <summary>
    /// Creates a one-shot timer whose <paramref name="callback"/> runs when <paramref name="dueTime"/> has passed. On
    /// the real clock the runner itself serves it: it checks the earliest deadline after every slice and, with nothing
    /// ready, sleeps until it (to the millisecond, never early), so a wake neither waits for the thread pool nor for
    /// the coarse tick of .NET's timer queue. On any other clock (a spec's virtual one) it is the clock's own timer.
    /// </summary>
    /// <param name="callback">Runs on the runner between two slices (on the clock's timer thread for another clock).
    /// It must be short and must not block: complete a <see cref="TaskCompletionSource"/> created with
    /// <see cref="TaskCreationOptions.RunContinuationsAsynchronously"/>, queue an event. It is not a slice; what it
    /// wakes runs as one later (S3). A fault is reported to <see cref="OnError"/>.</param>
    /// <param name="state">Passed to <paramref name="callback"/>.</param>
    /// <param name="dueTime">From now; zero or negative fires at the next check.</param>
    /// <returns>The timer: <see cref="IDisposable.Dispose"/> cancels it; <see cref="ITimer.Change"/> re-arms it (one-shot
    /// only: the period must be <see cref="Timeout.InfiniteTimeSpan"/>).</returns>
    /// <remarks>
    /// <b>Thread:</b> any. <b>Cancellation:</b> disposed by cooperative code (on the runner, between two firings) it
    /// never fires afterwards; disposed from another thread, a callback already taken to run may still run, as with
    /// .NET's timers (waiters re-check their condition, S4). <b>Ordering:</b> timers fire in deadline order, ties in creation order, each after
    /// the slice running when it fell due; what they wake queues behind the work ready before (S2).
    /// </remarks>
    public ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!_clockIsReal)
        {
            return _clock.CreateTimer(callback, state, dueTime, Timeout.InfiniteTimeSpan);
        }
        var timer = new CooperativeTimer(this, callback, state);
        Arm(timer, dueTime);
        return timer;
    }

    internal void Arm(CooperativeTimer timer, TimeSpan dueTime)
    {
        var due = _clock.GetTimestamp() + ToTimestampTicks(dueTime);
        bool earliest;
        lock (_timerLock)
        {
            RemoveTimer(timer);
            timer.Due = due;
            timer.Sequence = ++_timerSequence;
            if (_timerCount == _timerHeap.Length)
            {
                Array.Resize(ref _timerHeap, _timerCount * 2);
            }
            timer.Index = _timerCount++;
            _timerHeap[timer.Index] = timer;
            SiftUp(timer.Index);
            earliest = timer.Index == 0;
            if (earliest)
            {
                Interlocked.Exchange(ref _nextDue, due);
            }
            AssertTimerInvariants();
        }
        // A sleeping runner computed its sleep from the previous earliest deadline: wake it to sleep less.
        if (earliest && Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            Wake();
        }
    }

    internal void Disarm(CooperativeTimer timer)
    {
        lock (_timerLock)
        {
            RemoveTimer(timer);
        }
    }

    // On a runner, after a slice or a sleep: runs the callbacks of the timers due at <paramref name="now"/>, in order.
    private void FireDueTimers(long now)
    {
        while (true)
        {
            CooperativeTimer timer;
            lock (_timerLock)
            {
                if (_timerCount == 0 || _timerHeap[0].Due > now)
                {
                    return;
                }
                timer = _timerHeap[0];
                RemoveTimer(timer);
            }
            timer.Fire();
        }
    }

    internal void RunTimerCallback(TimerCallback callback, object? state)
    {
        try
        {
            callback(state);
        }
#pragma warning disable CA1031 // A faulty timer callback must not take the scheduler down; the fault is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OnError?.Invoke(ex, "timer callback");
        }
    }

    // How long an idle runner may sleep before the earliest timer is due: rounded up to the millisecond (the
    // resolution of the wait), so it never wakes early; Timeout.Infinite with no timer, 0 when one is due.
    private int SleepMilliseconds()
    {
        var next = Volatile.Read(ref _nextDue);
        if (next == long.MaxValue)
        {
            return Timeout.Infinite;
        }
        var left = next - _clock.GetTimestamp();
        if (left <= 0)
        {
            return 0;
        }
        var frequency = _clock.TimestampFrequency;
        return (int)Math.Min(MaxSleepMilliseconds, ((Math.Min(left, frequency * MaxSleepMilliseconds / 1000) * 1000) + frequency - 1) / frequency);
    }

    private long ToTimestampTicks(TimeSpan span) =>
        span <= TimeSpan.Zero ? 0 : (long)(span.Ticks * ((double)_clock.TimestampFrequency / TimeSpan.TicksPerSecond));

    // Under _timerLock. Removes the timer when it is pending, and keeps _nextDue current.
    private void RemoveTimer(CooperativeTimer timer)
    {
        var index = timer.Index;
        if (index < 0)
        {
            return;
        }
        timer.Index = -1;
        var last = _timerHeap[--_timerCount];
        _timerHeap[_timerCount] = null!;
        if (index != _timerCount)
        {
            _timerHeap[index] = last;
            last.Index = index;
            SiftUp(index);
            SiftDown(last.Index);
        }
        var next = _timerCount == 0 ? long.MaxValue : _timerHeap[0].Due;
        if (next != _nextDue)
        {
            Interlocked.Exchange(ref _nextDue, next);
        }
        AssertTimerInvariants();
    }

    private void SiftUp(int index)
    {
        var timer = _timerHeap[index];
        while (index > 0)
        {
            var parentIndex = (index - 1) / 2;
            var parent = _timerHeap[parentIndex];
            if (!Before(timer, parent))
            {
                break;
            }
            _timerHeap[index] = parent;
            parent.Index = index;
            index = parentIndex;
        }
        _timerHeap[index] = timer;
        timer.Index = index;
    }

    private void SiftDown(int index)
    {
        var timer = _timerHeap[index];
        while (true)
        {
            var child = (2 * index) + 1;
            if (child >= _timerCount)
            {
                break;
            }
            if (child + 1 < _timerCount && Before(_timerHeap[child + 1], _timerHeap[child]))
            {
                child++;
            }
            if (!Before(_timerHeap[child], timer))
            {
                break;
            }
            _timerHeap[index] = _timerHeap[child];
            _timerHeap[index].Index = index;
            index = child;
        }
        _timerHeap[index] = timer;
        timer.Index = index;
    }

    private static bool Before(CooperativeTimer a, CooperativeTimer b) => a.Due < b.Due || (a.Due == b.Due && a.Sequence < b.Sequence);

    [Conditional("DEBUG")]
    private void AssertTimerInvariants()
    {
        for (var i = 0; i < _timerCount; i++)
        {
            Debug.Assert(_timerHeap[i].Index == i, "a pending timer knows its index");
            Debug.Assert(i == 0 || !Before(_timerHeap[i], _timerHeap[(i - 1) / 2]), "no timer is due before its parent");
        }
        Debug.Assert(_nextDue == (_timerCount == 0 ? long.MaxValue : _timerHeap[0].Due), "_nextDue is the earliest deadline");
    }
}
