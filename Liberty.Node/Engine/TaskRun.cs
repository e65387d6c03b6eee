namespace Liberty.Node.Engine;

/// <summary>
/// One run of a task in the engine: its threads, its state, why it ended (stopped by whom, ended by itself,
/// failed or killed with what) and its statistics. Created by <see cref="TaskHost.StartTask"/>; the front end that
/// runs the task's code (the Lua front end's <c>LuaRun</c>, or a C# entry) is its <see cref="Tag"/>.
/// </summary>
/// <remarks>
/// <b>Thread:</b> every member may be read from any thread. <b>Ordering:</b> the state changes once
/// from <see cref="TaskState.Running"/> to a final state; <see cref="WhenEnded"/> completes when the last
/// thread has ended.
/// </remarks>
public sealed class TaskRun
{
    private readonly TaskHost _host;
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<TaskState> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guarded by _lock.
    private readonly List<TaskThread> _threads = [];
    private HashSet<TaskThread>? _watchers = [];
    private TaskState _state = TaskState.Running;
    private string? _reason;
    private string? _traceback;
    private int _live;

    // Written by the watchdog's slice observer on the cooperative thread; read anywhere.
    private long _longestSliceTicks;
    private long _busyTicks;
    private long _lastSliceEnd;

    internal TaskRun(TaskHost host, long id, string name)
    {
        _host = host;
        Id = id;
        Name = name;
    }

    /// <summary>The task's id, unique on its host.</summary>
    public long Id { get; }

    /// <summary>The name it was started with.</summary>
    public string Name { get; }

    /// <summary>The current state.</summary>
    public TaskState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Why it left <see cref="TaskState.Running"/> (stopped by whom, ended by itself, failed or killed with what); null while Running.</summary>
    public string? Reason
    {
        get
        {
            lock (_lock)
            {
                return _reason;
            }
        }
    }

    /// <summary>Where the failure happened (a Lua traceback), when the front end knew; null otherwise.</summary>
    public string? Traceback
    {
        get
        {
            lock (_lock)
            {
                return _traceback;
            }
        }
    }

    /// <summary>Threads that have not ended.</summary>
    public int LiveThreads
    {
        get
        {
            lock (_lock)
            {
                return _live;
            }
        }
    }

    /// <summary>Completes with the final state once every thread has ended.</summary>
    public Task<TaskState> WhenEnded => _ended.Task;

    /// <summary>The longest slice of this task's threads so far (S6).</summary>
    public TimeSpan LongestSlice => _host.Time.GetElapsedTime(0, Volatile.Read(ref _longestSliceTicks));

    /// <summary>Total time this task's threads ran (S6).</summary>
    public TimeSpan BusyTime => _host.Time.GetElapsedTime(0, Volatile.Read(ref _busyTicks));

    /// <summary>When a slice of this task's threads last ended (its last activity); null before its first slice.</summary>
    public DateTimeOffset? LastRanAt => Volatile.Read(ref _lastSliceEnd) is var end and not 0 ? _host.Time.GetUtcNow() - _host.Time.GetElapsedTime(end) : null;

    /// <summary>
    /// The front end's object for this task (the Lua front end's <c>LuaRun</c>); null for a plain C# task.
    /// Set once, right after <see cref="TaskHost.StartTask"/>, before the first thread runs.
    /// </summary>
    internal object? Tag { get; set; }

    /// <summary>
    /// How the watchdog kills this task for real: set by a front end whose code can be interrupted (Lua's
    /// count hook). Null: the watchdog abandons the cooperative thread (C# tasks). Any thread may call it.
    /// </summary>
    internal Action? CooperativeKill { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"task {Id} ({Name})";

    internal bool TryAddThread(TaskThread thread)
    {
        lock (_lock)
        {
            if (_state != TaskState.Running)
            {
                return false;
            }
            _threads.Add(thread);
            _live++;
            return true;
        }
    }

    internal void RecordSlice(long ticks, long endTimestamp)
    {
        Interlocked.Add(ref _busyTicks, ticks);
        Volatile.Write(ref _lastSliceEnd, endTimestamp);
        if (ticks > Volatile.Read(ref _longestSliceTicks))
        {
            Volatile.Write(ref _longestSliceTicks, ticks);
        }
    }

    internal void AddWatcher(TaskThread watcher)
    {
        lock (_lock)
        {
            if (_watchers is not null)
            {
                _watchers.Add(watcher);
                return;
            }
        }
        watcher.DeliverSystemEvent(new TaskExitedEvent(this, State, Reason));
    }

    /// <summary>A user stop (I5): Disabled, every thread interrupted at once.</summary>
    /// <param name="reason">Who stopped it, for <see cref="Reason"/>.</param>
    internal void Disable(string reason) => Finish(TaskState.Disabled, reason, null, null);

    /// <summary>
    /// Stores the task's Error before it takes effect (set by the front end, before the first thread runs): the kill,
    /// the stop of the other threads and an abandonment wait until the returned task completed, so a crash in between
    /// never runs a killed task again at the next start. Null: effects at once.
    /// </summary>
    internal Func<string, Task>? BeforeError { get; set; }

    /// <summary>How long the effects of an Error wait for <see cref="BeforeError"/> at most: a journal that does not answer must not keep a hog running.</summary>
    internal static readonly TimeSpan BeforeErrorPatience = TimeSpan.FromSeconds(2);

    /// <summary>Error, and every thread ends at once without running more code (a slice that cannot be cut).</summary>
    internal void Abandon(string reason) => Finish(TaskState.Error, reason, null, EndAllThreads, always: true);

    /// <summary>Error (uncaught failure, watchdog); the other threads are stopped, then <paramref name="then"/> runs. The first failure wins.</summary>
    internal void Fail(string reason, string? traceback = null, Action? then = null) => Finish(TaskState.Error, reason, traceback, then);

    private void EndAllThreads()
    {
        TaskThread[] threads;
        string? reason;
        lock (_lock)
        {
            threads = [.. _threads];
            reason = _reason;
        }
        foreach (var thread in threads)
        {
            thread.Context.Abandon();
            thread.End(ThreadOutcome.Killed, reason);
        }
    }

    // Moves a Running task to its end state and applies the effects: stop the threads, then `then`. With `always`,
    // the effects apply also when the task had already left Running (an abandonment after a kill that did not land).
    private void Finish(TaskState state, string reason, string? traceback, Action? then, bool always = false)
    {
        TaskThread[] threads;
        lock (_lock)
        {
            if (_state == TaskState.Running)
            {
                _state = state;
                _reason = reason;
                _traceback = traceback;
            }
            else if (!always)
            {
                return;
            }
            threads = [.. _threads];
        }
        void Effects()
        {
            foreach (var thread in threads)
            {
                thread.RequestStop();
            }
            then?.Invoke();
        }
        if (state == TaskState.Error && BeforeError is { } persist)
        {
            // Real time: the wait is for I/O, not for the task's clock (virtual in specs).
            persist(reason).WaitAsync(BeforeErrorPatience, TimeProvider.System)
                .ContinueWith(static (_, s) => ((Action)s!)(), (Action)Effects, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }
        Effects();
    }

    internal void OnThreadEnded(TaskThread thread, ThreadOutcome outcome, string? reason)
    {
        if (outcome == ThreadOutcome.Failed)
        {
            Fail($"thread {thread.Id} failed: {reason}");
        }
        HashSet<TaskThread>? watchers;
        TaskState final;
        string? finalReason;
        lock (_lock)
        {
            _threads.Remove(thread);
            _live--;
            if (_live > 0)
            {
                return;
            }
            if (_state == TaskState.Running)
            {
                _state = TaskState.Stopped;
                _reason = $"ended by itself: its last thread ({thread.Id}) {(outcome == ThreadOutcome.Returned ? "returned" : "was stopped")}";
            }
            final = _state;
            finalReason = _reason;
            watchers = _watchers;
            _watchers = null;
        }
        _host.OnTaskEnded(this, final);
        if (watchers is not null)
        {
            var exited = new TaskExitedEvent(this, final, finalReason);
            foreach (var watcher in watchers)
            {
                watcher.DeliverSystemEvent(exited);
            }
        }
        _ended.TrySetResult(final);
    }
}
