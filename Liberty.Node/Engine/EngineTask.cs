namespace Liberty.Node.Engine;

/// <summary>
/// A running call of a C# entry (docs/app-api.md section 2): its threads, its state and, when it
/// failed, the reason. Created by <see cref="TaskHost.StartTask"/>.
/// </summary>
/// <remarks>
/// <b>Thread:</b> every member may be read from any thread. <b>Ordering:</b> the state changes once
/// from <see cref="TaskState.Running"/> to a final state; <see cref="WhenEnded"/> completes when the last
/// thread has ended.
/// </remarks>
public sealed class EngineTask
{
    private readonly TaskHost _host;
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<TaskState> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guarded by _lock.
    private readonly List<TaskThread> _threads = [];
    private HashSet<TaskThread>? _watchers = [];
    private TaskState _state = TaskState.Running;
    private string? _reason;
    private int _live;

    // Written by the watchdog's slice observer on the cooperative thread; read anywhere.
    private long _longestSliceTicks;
    private long _busyTicks;

    internal EngineTask(TaskHost host, long id, string name)
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

    /// <summary>Why it is in <see cref="TaskState.Error"/>; null otherwise.</summary>
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

    /// <summary>
    /// The front end's object for this task (the Lua front end's <c>LuaTask</c>); null for a plain C# task.
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

    internal void RecordSlice(long ticks)
    {
        Interlocked.Add(ref _busyTicks, ticks);
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
    internal void Disable() => Finish(TaskState.Disabled, null, null);

    /// <summary>
    /// Stores the task's Error before it takes effect (set by the front end, before the first thread runs): the kill,
    /// the stop of the other threads and an abandonment wait until the returned task completed, so a crash in between
    /// never runs a killed task again at the next start. Null: effects at once.
    /// </summary>
    internal Func<string, Task>? BeforeError { get; set; }

    /// <summary>How long the effects of an Error wait for <see cref="BeforeError"/> at most: a journal that does not answer must not keep a hog running.</summary>
    internal static readonly TimeSpan BeforeErrorPatience = TimeSpan.FromSeconds(2);

    /// <summary>Error, and every thread ends at once without running more code (a slice that cannot be cut).</summary>
    internal void Abandon(string reason) => Finish(TaskState.Error, reason, EndAllThreads, always: true);

    /// <summary>Error (uncaught failure, watchdog); the other threads are stopped, then <paramref name="then"/> runs.</summary>
    internal void Fail(string reason, Action? then = null) => Finish(TaskState.Error, reason, then);

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
    private void Finish(TaskState state, string? reason, Action? then, bool always = false)
    {
        TaskThread[] threads;
        lock (_lock)
        {
            if (_state == TaskState.Running)
            {
                _state = state;
                _reason = reason;
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
            persist(reason ?? "error").WaitAsync(BeforeErrorPatience, TimeProvider.System)
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
