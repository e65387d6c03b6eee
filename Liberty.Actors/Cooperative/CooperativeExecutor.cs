using System.Collections.Concurrent;
using Akka.Dispatch;

namespace Liberty.Actors.Cooperative;

/// <summary>
/// Many actors and task threads, one OS thread at a time: the node's scheduler. It is the executor of an
/// Akka dispatcher (<see cref="LibertyActorSystem.CooperativeDispatcherId"/>), so actors on that dispatcher run
/// their mailboxes here, and it runs the continuations of cooperative code posted through a
/// <see cref="CooperativeContext"/> (the engine's task threads) in the same queue.
/// </summary>
/// <remarks>
/// <para><b>The cooperative contract</b> (every API that runs here links to it):</para>
/// <list type="number">
/// <item>One runner thread takes ready work in FIFO order and runs it one item — one slice — at a time
/// (S1, S2). Code between two yields runs without interference from other code here: the free critical
/// section of cooperative kernels.</item>
/// <item>Code here never blocks and yields only by returning or at an <c>await</c>, which resumes through its
/// context as a new slice queued behind the work ready before it. A wake during a slice takes effect after
/// it: nothing is re-entered (S3). Wakes can be spurious; every waiter re-checks its condition (S4).</item>
/// <item>With nothing ready the runner runs <see cref="IdleHook"/> and sleeps until work arrives or its earliest
/// timer (<see cref="CreateTimer"/>) is due (S5).</item>
/// <item>Every slice of task code is timed and observable (<see cref="Observer"/>, <see cref="GetRunningSlices"/>) (S6); an
/// Akka mailbox run on the real clock is counted, not timed, and stamped by the hand-off monitor when it first sees it.</item>
/// <item><b>Hand-off</b> (S8): a slice still running after <see cref="CooperativeExecutorOptions.HandOffThreshold"/>
/// keeps its OS thread, and a fresh runner takes the queue at once. Work of the stuck slice's
/// <see cref="CooperativeContext.Group"/> waits until that slice ends (its code shares state and relies on the
/// free critical section). When the stuck slice ends, its thread releases the group and retires; one runner
/// remains. .NET cannot abort a thread: a slice that never returns keeps its thread for good, and is reported
/// by <see cref="GetRunningSlices"/> until it does.</item>
/// </list>
/// <para><b>Thread:</b> <see cref="Execute"/>, <see cref="CreateContext"/> and the readers from any thread.
/// <b>Cancellation:</b> <see cref="Dispose"/> ends the runners after their current slice; queued work is
/// dropped. <b>Ordering:</b> FIFO over all work; deferred work of a held group keeps its order and goes to
/// the back of the queue when released.</para>
/// </remarks>
public sealed partial class CooperativeExecutor : ExecutorService, IDisposable
{
    [ThreadStatic]
    private static Runner? t_runner;

    private readonly CooperativeExecutorOptions _options;
    private readonly TimeProvider _clock;

    // True when the slice clock is the real one: one timestamp serves both the stamp and the hand-off check.
    private readonly bool _clockIsReal;
    private readonly long _handOffTicks;

    // Ready work: IRunnable (Akka mailbox runs) or CooperativeWork. Any thread enqueues; the active runner dequeues.
    private readonly ConcurrentQueue<object> _ready = new();

    // The runner's sleep: a flag and a monitor. Not a SemaphoreSlim: its wait spins with sched_yield before it blocks,
    // and behind a CPU-bound thread (a hog during a hand-off, a build on a 2-core box) each yield can cost a
    // scheduler tick: a wake after Release was up to 9 ms late at p99, a 2 ms timed sleep up to 140 ms (measured
    // here; Monitor.Wait: 0.1 ms and 4 ms). A monitor because it is the .NET lock with a condition wait.
    private readonly object _sleepGate = new();
    private bool _wakeSignal;

    // 1 while the active runner is about to sleep or sleeping; an enqueuer that swaps it to 0 signals the runner (Wake).
    private int _sleeping;

    // The runner taking the queue, and runners retired by a hand-off whose slice still runs. Guarded by _lock.
    private readonly Lock _lock = new();
    private Runner _active;
    private readonly List<Runner> _stuck = [];
    private int _generation;
    private bool _disposed;

    // Groups held by stuck slices (count per group) and the work deferred for them. Guarded by _lock;
    // _heldCount lets the runner skip the lock when nothing is held.
    private readonly Dictionary<object, int> _held = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, List<CooperativeWork>> _deferred = new(ReferenceEqualityComparer.Instance);
    private volatile int _heldCount;

    // Actions waiting for a group's running slice to end (RunWhenIdle). Guarded by _lock; the count lets a
    // runner skip the lock when none wait.
    private readonly Dictionary<object, List<Action>> _whenIdle = new(ReferenceEqualityComparer.Instance);
    private volatile int _whenIdleCount;

    // The hand-off monitor: a thread of its own (a pool timer could starve behind the very work it guards),
    // parked on _busy while the runner sleeps. Null when the hand-off is off.
    private readonly Thread? _monitor;
    private readonly ManualResetEventSlim _busy = new(false);
    private readonly ManualResetEventSlim _stop = new(false);

    // Statistics: written plainly by the active runner (the slice id only by it: a hand-off's thread start orders the new
    // runner after the old one) and once by a retiring runner, whose write may race the active runner's and be lost (a
    // statistic, not state); read by anyone.
    private long _lastSliceId;
    private long _slices;
    private long _busyTicks;
    private long _longestSliceTicks;
    private long _handOffs;

    /// <summary>Creates the executor and starts its runner thread.</summary>
    /// <param name="id">The executor's id (the dispatcher's).</param>
    /// <param name="options">Settings; validated here.</param>
    public CooperativeExecutor(string id, CooperativeExecutorOptions? options = null)
        : base(id)
    {
        _options = options ?? new CooperativeExecutorOptions();
        _options.Validate();
        _clock = _options.Clock;
        _clockIsReal = ReferenceEquals(_clock, TimeProvider.System);
        _handOffTicks = (long)(_options.HandOffThreshold.TotalSeconds * TimeProvider.System.TimestampFrequency);
        if (_handOffTicks > 0)
        {
            _monitor = new Thread(MonitorLoop) { IsBackground = true, Name = _options.ThreadName + "-monitor" };
            _monitor.Start();
        }
        _active = StartRunner();
    }

    /// <summary>Told of every slice's start and end. Set before work arrives.</summary>
    public ICooperativeSliceObserver? Observer { get; set; }

    /// <summary>Runs on the runner each time it runs out of ready work, before sleeping. Must not block.</summary>
    public Action? IdleHook { get; set; }

    /// <summary>Where faults of hooks, observers and bare continuations are reported (the system's log).</summary>
    public Action<Exception, string>? OnError { get; set; }

    /// <summary>The settings.</summary>
    public CooperativeExecutorOptions Options => _options;

    /// <summary>The OS thread of the active runner.</summary>
    public Thread Thread => Volatile.Read(ref _active).Thread;

    /// <summary>True on a runner thread of this executor (the active one or a stuck one inside its slice).</summary>
    public bool IsOnRunnerThread => t_runner?.Executor == this;

    /// <summary>Slices run so far.</summary>
    public long SliceCount => Interlocked.Read(ref _slices);

    /// <summary>Time spent inside timed slices (task code; mailbox runs on a virtual clock), in timestamp units of the executor's clock.</summary>
    public long BusyTimestampTicks => Interlocked.Read(ref _busyTicks);

    /// <summary>The longest slice so far, in timestamp units of the executor's clock.</summary>
    public long LongestSliceTimestampTicks => Interlocked.Read(ref _longestSliceTicks);

    /// <summary>How many hand-offs happened (each one started a fresh runner).</summary>
    public long HandOffCount => Interlocked.Read(ref _handOffs);

    /// <summary>Runner threads retired by a hand-off whose slice still runs.</summary>
    public int StuckThreadCount
    {
        get
        {
            lock (_lock)
            {
                return _stuck.Count;
            }
        }
    }

    /// <summary>Ready items waiting (approximate).</summary>
    public int ReadyCount => _ready.Count;

    /// <summary>Creates the context for one piece of cooperative code.</summary>
    /// <param name="owner">Who the code belongs to (the engine's thread).</param>
    /// <param name="group">What must never run two slices at once (the engine's task).</param>
    /// <returns>The context; post through it, or install it before the code's first await.</returns>
    public CooperativeContext CreateContext(object owner, object group)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(group);
        return new CooperativeContext(this, owner, group);
    }

    /// <summary>Reads the slice the active runner runs now.</summary>
    /// <param name="slice">The slice.</param>
    /// <returns>False when the active runner is between slices or idle.</returns>
    public bool TryGetCurrentSlice(out CooperativeSlice slice) => Volatile.Read(ref _active).TryRead(out slice);

    /// <summary>Every slice running now: the active runner's and those of stuck runners (S8).</summary>
    /// <returns>A snapshot; empty when idle.</returns>
    public IReadOnlyList<CooperativeSlice> GetRunningSlices() => [.. ReadSlices(includeActive: true).Select(static s => s.Slice)];

    /// <summary>The slices that a hand-off left running on their own OS thread (S8): code that has not yielded since.</summary>
    /// <returns>A snapshot; empty when no slice is stuck.</returns>
    public IReadOnlyList<CooperativeStuckSlice> GetStuckSlices() => ReadSlices(includeActive: false);

    private List<CooperativeStuckSlice> ReadSlices(bool includeActive)
    {
        Runner[] runners;
        lock (_lock)
        {
            runners = includeActive ? [_active, .. _stuck] : [.. _stuck];
        }
        var slices = new List<CooperativeStuckSlice>(runners.Length);
        foreach (var runner in runners)
        {
            if (runner.TryRead(out var slice))
            {
                slices.Add(new CooperativeStuckSlice(slice, runner.OsThreadId));
            }
        }
        return slices;
    }

    /// <summary>
    /// Runs <paramref name="action"/> once no slice of <paramref name="group"/> runs on another thread: at once
    /// (on the caller's thread) when none does, otherwise on the thread of that slice right after it ends. What a
    /// group's code uses (a Lua state) is released this way, never under a slice still running it (S8: a stuck
    /// slice keeps running after its task was abandoned).
    /// </summary>
    /// <param name="group">The group (see <see cref="CooperativeContext.Group"/>).</param>
    /// <param name="action">Short, non-blocking; a fault is reported to <see cref="OnError"/>.</param>
    public void RunWhenIdle(object group, Action action)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(action);
        lock (_lock)
        {
            if (IsRunningElsewhere(group))
            {
                if (!_whenIdle.TryGetValue(group, out var list))
                {
                    _whenIdle[group] = list = [];
                }
                list.Add(action);
                _whenIdleCount = _whenIdle.Count;
                return;
            }
        }
        RunGuarded(action, "idle action");
    }

    // Under _lock.
    private bool IsRunningElsewhere(object group)
    {
        foreach (var runner in _stuck.Append(_active))
        {
            if (!ReferenceEquals(runner, t_runner) && runner.TryRead(out var slice) && ReferenceEquals(slice.Context?.Group, group))
            {
                return true;
            }
        }
        return false;
    }

    private void FlushWhenIdle(object group)
    {
        List<Action>? actions;
        lock (_lock)
        {
            if (!_whenIdle.Remove(group, out actions))
            {
                return;
            }
            _whenIdleCount = _whenIdle.Count;
        }
        foreach (var action in actions)
        {
            RunGuarded(action, "idle action");
        }
    }

    private void RunGuarded(Action action, string what)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // A faulty action must not take the scheduler down; the fault is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OnError?.Invoke(ex, what);
        }
    }

    /// <summary>Akka's entry: runs a mailbox (or any runnable) as one slice.</summary>
    /// <param name="run">The work.</param>
    public override void Execute(IRunnable run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Enqueue(run);
    }

    /// <summary>
    /// Akka calls this when its dispatcher has had no actors for a while. The executor outlives that (the
    /// system that created it disposes it), so this does nothing.
    /// </summary>
    public override void Shutdown()
    {
    }

    internal void Enqueue(object item)
    {
        _ready.Enqueue(item);
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            Wake();
        }
    }

    // Wakes the sleeping runner (or makes its next sleep return at once: a spurious wake, which it tolerates).
    private void Wake()
    {
        lock (_sleepGate)
        {
            _wakeSignal = true;
            Monitor.Pulse(_sleepGate);
        }
    }

    // The runner sleeps until Wake or for <paramref name="milliseconds"/>; true when woken.
    private bool Sleep(int milliseconds)
    {
        lock (_sleepGate)
        {
            if (!_wakeSignal)
            {
                Monitor.Wait(_sleepGate, milliseconds);
            }
            var woken = _wakeSignal;
            _wakeSignal = false;
            return woken;
        }
    }

    private Runner StartRunner()
    {
        var generation = _generation++;
        var runner = new Runner(this, generation == 0 ? _options.ThreadName : $"{_options.ThreadName}#{generation}");
        runner.Thread.Start();
        return runner;
    }

    private void Loop(Runner runner)
    {
        t_runner = runner;
        runner.OsThreadId = OsThread.CurrentId();
        // The end stamp of the slice just run, 0 when the runner has done anything else since (slept, skipped work):
        // on the real clock a slice that follows another at once starts when that one ended, which saves a clock read
        // (a third of a message's cost on the cooperative dispatcher). A virtual clock is always read: a spec may
        // advance it between two slices.
        long boundary = 0;
        while (!runner.Retired)
        {
            if (Volatile.Read(ref _nextDue) != long.MaxValue)
            {
                // Only the real clock has timers here; the stamp read now also starts the next slice.
                if (boundary == 0)
                {
                    boundary = _clock.GetTimestamp();
                }
                if (boundary >= Volatile.Read(ref _nextDue))
                {
                    FireDueTimers(boundary);
                    boundary = 0;
                }
            }
            if (!_ready.TryDequeue(out var item))
            {
                Idle(runner);
                boundary = 0;
                continue;
            }
            if (item is CooperativeWork work)
            {
                if (work.Context.IsAbandoned || (_heldCount > 0 && TryDefer(work)))
                {
                    boundary = 0;
                    continue;
                }
                boundary = RunSlice(runner, item, work.Context, boundary);
            }
            else
            {
                boundary = RunSlice(runner, item, null, boundary);
            }
        }
        t_runner = null;
        SynchronizationContext.SetSynchronizationContext(null);
    }

    private void Idle(Runner runner)
    {
        if (IdleHook is { } hook)
        {
            RunGuarded(hook, "idle hook");
        }
        Interlocked.Exchange(ref _sleeping, 1);
        // Read after _sleeping is set: a timer armed from another thread after this read wakes the runner.
        var sleep = SleepMilliseconds();
        if (_ready.IsEmpty && !runner.Retired && sleep != 0)
        {
            if (!Sleep(sleep))
            {
                // The sleep ran out (a timer is due). A wake that races this costs one spurious wake later.
                Interlocked.Exchange(ref _sleeping, 0);
            }
        }
        else
        {
            Interlocked.Exchange(ref _sleeping, 0);
        }
        // The monitor may have disarmed itself while _sleeping was 1 (even if the runner did not sleep after all).
        ArmMonitor();
    }

    // Runs one slice; returns its end stamp (the next slice's start when it follows at once on the real clock), or 0 when
    // it was not timed.
    //
    // Task code (a context's work) is timed exactly: the watchdog and each task's statistics need it. An Akka mailbox run
    // on the real clock is not: its actor only moves a message along, and a clock read costs a third of such a run. It is
    // counted, and the monitor stamps it when it first sees it, so a mailbox run that blocks is still handed off (S8).
    private long RunSlice(Runner runner, object item, CooperativeContext? context, long boundary)
    {
        var id = ++_lastSliceId;
        var timed = context is not null || !_clockIsReal;
        long start;
        if (!timed)
        {
            start = 0;
            runner.Publish(id, null, 0, 0);
        }
        else if (_clockIsReal)
        {
            start = boundary != 0 ? boundary : _clock.GetTimestamp();
            runner.Publish(id, context, start, start);
        }
        else
        {
            start = _clock.GetTimestamp();
            runner.Publish(id, context, start, TimeProvider.System.GetTimestamp());
        }
        var slice = new CooperativeSlice(id, context, start);
        long end = 0;
        if (timed)
        {
            Notify(slice, 0, started: true);
        }
        if (context is not null)
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
        try
        {
            if (context is not null)
            {
                ((CooperativeWork)item).Run();
            }
            else
            {
                ((IRunnable)item).Run();
            }
        }
#pragma warning disable CA1031 // A bare continuation has nobody to fail to; report it and keep scheduling.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OnError?.Invoke(ex, context is null ? "mailbox run" : "continuation");
        }
        finally
        {
            // A mailbox run installs no context, but code inside it may have (Akka's ActorTaskScheduler does while it
            // runs an async handler): the runner leaves every slice with none.
            SynchronizationContext.SetSynchronizationContext(null);
            runner.Unpublish();
            if (!timed && !runner.Retired)
            {
                Volatile.Write(ref _slices, _slices + 1);
            }
            else
            {
                end = _clock.GetTimestamp();
                if (!timed)
                {
                    // Retired: by a hand-off, which the monitor's stamp came before, or by Dispose (no stamp: not counted long).
                    var stamped = runner.StampedStart;
                    slice = slice with { StartTimestamp = stamped != 0 ? stamped : end };
                }
                RecordTimedSlice(runner, slice, end, timed);
            }
            if (runner.Retired)
            {
                Retire(runner, context);
            }
            if (_whenIdleCount > 0 && context is not null)
            {
                FlushWhenIdle(context.Group);
            }
        }
        return end;
    }

    // The statistics of a timed slice (or of an untimed one a hand-off made long); the observer hears of timed ones.
    private void RecordTimedSlice(Runner runner, in CooperativeSlice slice, long end, bool notify)
    {
        var elapsed = end - slice.StartTimestamp;
        if (runner.Retired)
        {
            Interlocked.Increment(ref _slices);
            Interlocked.Add(ref _busyTicks, elapsed);
            var longest = Interlocked.Read(ref _longestSliceTicks);
            while (elapsed > longest)
            {
                var seen = Interlocked.CompareExchange(ref _longestSliceTicks, elapsed, longest);
                if (seen == longest)
                {
                    break;
                }
                longest = seen;
            }
        }
        else
        {
            Volatile.Write(ref _slices, _slices + 1);
            Volatile.Write(ref _busyTicks, _busyTicks + elapsed);
            if (elapsed > _longestSliceTicks)
            {
                Volatile.Write(ref _longestSliceTicks, elapsed);
            }
        }
        if (notify)
        {
            Notify(slice, end, started: false);
        }
    }

    private void Notify(in CooperativeSlice slice, long end, bool started)
    {
        if (Observer is not { } observer)
        {
            return;
        }
        try
        {
            if (started)
            {
                observer.SliceStarted(slice);
            }
            else
            {
                observer.SliceEnded(slice, end);
            }
        }
#pragma warning disable CA1031 // An observer must not take the scheduler down; the fault is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OnError?.Invoke(ex, "slice observer");
        }
    }

    // On the stuck runner, once its slice ended: release the group and leave.
    private void Retire(Runner runner, CooperativeContext? context)
    {
        List<CooperativeWork>? released = null;
        lock (_lock)
        {
            _stuck.Remove(runner);
            if (context is not null && _held.TryGetValue(context.Group, out var count))
            {
                if (count > 1)
                {
                    _held[context.Group] = count - 1;
                }
                else
                {
                    _held.Remove(context.Group);
                    _heldCount = _held.Count;
                    _deferred.Remove(context.Group, out released);
                }
            }
        }
        if (released is not null)
        {
            foreach (var work in released)
            {
                Enqueue(work);
            }
        }
    }

    private bool TryDefer(CooperativeWork work)
    {
        lock (_lock)
        {
            if (!_held.ContainsKey(work.Context.Group))
            {
                return false;
            }
            if (!_deferred.TryGetValue(work.Context.Group, out var list))
            {
                _deferred[work.Context.Group] = list = [];
            }
            list.Add(work);
            return true;
        }
    }

    private void ArmMonitor()
    {
        if (_monitor is not null && !_busy.IsSet)
        {
            _busy.Set();
        }
    }

    private void MonitorLoop()
    {
        var period = TimeSpan.FromTicks(Math.Max(_options.HandOffThreshold.Ticks / 4, TimeSpan.TicksPerMillisecond));
        while (true)
        {
            _busy.Wait();
            if (_stop.Wait(period))
            {
                return;
            }
            CheckHandOff();
        }
    }

    // One look of the monitor: hands off a slice past the threshold; parks the monitor when the runner sleeps.
    private void CheckHandOff()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            var runner = _active;
            if (runner.TryReadReal(out var slice, out var realStart))
            {
                var now = TimeProvider.System.GetTimestamp();
                if (realStart == 0)
                {
                    // An untimed mailbox run: first seen now. It is handed off one threshold after this.
                    runner.StampStart(now);
                    return;
                }
                if (now - realStart >= _handOffTicks)
                {
                    HandOff(runner, slice);
                }
                return;
            }
        }
        if (Volatile.Read(ref _sleeping) == 1)
        {
            _busy.Reset();
            // The runner sets _sleeping to 0 before it arms: whichever of the two comes second sees the other.
            if (Volatile.Read(ref _sleeping) == 0)
            {
                _busy.Set();
            }
        }
    }

    // Under _lock.
    private void HandOff(Runner stuck, CooperativeSlice slice)
    {
        stuck.Retired = true;
        _stuck.Add(stuck);
        if (slice.Context is { } context)
        {
            _held[context.Group] = _held.TryGetValue(context.Group, out var count) ? count + 1 : 1;
            _heldCount = _held.Count;
        }
        Interlocked.Increment(ref _handOffs);
        // The new runner takes the queue; the retired one never sleeps again, so the wake goes to the new one.
        Interlocked.Exchange(ref _sleeping, 0);
        Volatile.Write(ref _active, StartRunner());
    }

    /// <summary>Ends the runners after their current slice; later work is not run.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _active.Retired = true;
        }
        _stop.Set();
        _busy.Set();
        Wake();
    }

    // One runner thread and its running slice. One writer (the runner); readers validate with the slice id, which is
    // unique and only set after the other fields (and cleared before they change again), so no counter or fence is needed.
    private sealed class Runner
    {
        private long _sliceId;
        private CooperativeContext? _context;
        private long _start;
        private long _realStart;
        private volatile bool _retired;

        public Runner(CooperativeExecutor executor, string name)
        {
            Executor = executor;
            Thread = new Thread(() => executor.Loop(this)) { IsBackground = true, Name = name };
        }

        public CooperativeExecutor Executor { get; }

        public Thread Thread { get; }

        // The kernel's id of the thread (Linux), written once when it starts; 0 where it is not known.
        public int OsThreadId { get; set; }

        // Set once by the monitor (hand-off) or Dispose; the runner leaves after its current slice.
        public bool Retired
        {
            get => _retired;
            set => _retired = value;
        }

        // Every write is a release: the fields of a slice become visible after the previous slice's id was cleared and
        // before this slice's id is set.
        public void Publish(long id, CooperativeContext? context, long start, long realStart)
        {
            Volatile.Write(ref _context, context);
            Volatile.Write(ref _start, start);
            Volatile.Write(ref _realStart, realStart);
            Volatile.Write(ref _sliceId, id);
        }

        // The monitor's first sight of an untimed slice (real clock only: both stamps are real timestamps). Should the
        // slice have ended meanwhile, the stamp lands on the next untimed one, microseconds early: harmless.
        public void StampStart(long now)
        {
            if (Interlocked.CompareExchange(ref _realStart, now, 0) == 0)
            {
                Interlocked.CompareExchange(ref _start, now, 0);
            }
        }

        // The start of the runner's last slice as published or stamped (0: an untimed slice the monitor never saw).
        public long StampedStart => Volatile.Read(ref _start);

        // The slice ended: its id goes first, then the context is let go.
        public void Unpublish()
        {
            Volatile.Write(ref _sliceId, 0);
            Volatile.Write(ref _context, null);
        }

        public bool TryRead(out CooperativeSlice slice) => TryReadReal(out slice, out _);

        // Every read is an acquire, so the second read of the id comes after the fields: the same id before and after
        // means the fields belong to that slice (ids never repeat, and the id is cleared before the fields change).
        public bool TryReadReal(out CooperativeSlice slice, out long realStart)
        {
            while (true)
            {
                var id = Volatile.Read(ref _sliceId);
                if (id == 0)
                {
                    slice = default;
                    realStart = 0;
                    return false;
                }
                var context = Volatile.Read(ref _context);
                var start = Volatile.Read(ref _start);
                realStart = Volatile.Read(ref _realStart);
                if (Volatile.Read(ref _sliceId) == id)
                {
                    slice = new CooperativeSlice(id, context, start);
                    return true;
                }
            }
        }
    }
}
