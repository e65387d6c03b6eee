using Liberty.Node.Apps;
using Liberty.Node.Engine;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// One run of a Lua task: a fresh Lua state (<see cref="Lua"/>, whose <c>Host</c> is this object), the app
/// loaded into it, and the entry function running as the first thread of an engine task (<see cref="Engine"/>).
/// The state follows the engine task (Running → Stopped / Disabled / Error); a failure keeps the reason and
/// the Lua traceback. When the last thread has ended, the <see cref="OnEnd"/> cleanups run once and the Lua
/// state is freed. Starting a task again is a new <see cref="LuaRun"/> (the TaskManager does that).
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> <see cref="Start"/>, <see cref="Stop"/>, <see cref="State"/>, <see cref="Reason"/>,
/// <see cref="Traceback"/>, <see cref="WhenEnded"/>, <see cref="GetStatistics"/> and <see cref="OnEnd"/>: any thread.
/// Everything else: the cooperative thread (this task's threads and API callbacks).</para>
/// <para><b>Cancellation:</b> <see cref="Stop"/> interrupts every wait at once; each coroutine is closed, which runs its
/// to-be-closed variables.</para>
/// <para><b>Ordering:</b> cleanups run in registration order, after the last thread's end and before
/// <see cref="WhenEnded"/> completes.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The Lua state is disposed by the task's last thread on the cooperative thread (Finish), never by the owner of the LuaRun.")]
internal sealed class LuaRun
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _finalized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly LuaTaskDefinition _definition;

    // Guarded by _lock.
    private readonly List<Action> _cleanups = [];
    private bool _ended;

    // Cooperative thread only: the start's garbage was collected (at the first wait of any thread).
    private bool _startCollected;

    // Guarded by _lock: the live Lua threads by id.
    private readonly Dictionary<long, LuaThread> _threads = [];

    // Guarded by _lock: handles of ended threads whose drop counts are not folded into _droppedOfEnded yet.
    private readonly List<TaskThread> _endedThreads = [];

    // Cooperative thread only: live threads, the first one included before its coroutine exists.
    private int _live;

    private long _nextTimerId;
    private long _unrouted;

    // Any thread: counters of ended threads; the last memory figures once the state is gone.
    private long _droppedOfEnded;
    private long _lastMemoryPeak;
    private TaskRun? _engine;
    private LuaState? _lua;

    /// <summary>Creates a task run, not started.</summary>
    /// <param name="services">The node's services.</param>
    /// <param name="id">The id of the task (the TaskManager's; what Lua and people see).</param>
    /// <param name="name">A name for people and logs.</param>
    /// <param name="definition">The app, entry and arguments.</param>
    /// <param name="log">The task's log (kept across runs); null for a new one.</param>
    /// <param name="data">The task's data (kept across runs); null for a new, empty one.</param>
    public LuaRun(LuaServices services, long id, string name, LuaTaskDefinition definition, LuaTaskLog? log = null, LuaTaskData? data = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(definition);
        Services = services;
        Id = id;
        Name = name;
        _definition = definition;
        TaskLog = log ?? new LuaTaskLog(services.Options, services.TimeProvider);
        Data = data ?? new LuaTaskData(services.Options.TimeSeriesCapacity);
        _logger = services.LoggerFactory.CreateLogger<LuaRun>();
    }

    /// <summary>The task's id.</summary>
    public long Id { get; }

    /// <summary>The task's name.</summary>
    public string Name { get; }

    /// <summary>The node's services.</summary>
    public LuaServices Services { get; }

    /// <summary>The task's log.</summary>
    public LuaTaskLog TaskLog { get; }

    /// <summary>The task's data (standalone values, time series).</summary>
    public LuaTaskData Data { get; }

    /// <summary>The Lua state of this run (created by <see cref="Start"/>; disposed when the task has ended).</summary>
    public LuaState Lua => _lua ?? throw new InvalidOperationException($"{this} has not started.");

    /// <summary>The engine task (created by <see cref="Start"/>).</summary>
    public TaskRun Engine => _engine ?? throw new InvalidOperationException($"{this} has not started.");

    /// <summary>The state: Running until the last thread ended, then Stopped, Disabled or Error.</summary>
    public TaskState State => _engine?.State ?? TaskState.Disabled;

    /// <summary>Why the run left Running (the engine run's <see cref="TaskRun.Reason"/>); null while Running.</summary>
    public string? Reason => _engine?.Reason;

    /// <summary>The Lua traceback of the failure, when there was one.</summary>
    public string? Traceback => _engine?.Traceback;

    /// <summary>Completes with the final state once every thread has ended and the cleanups ran.</summary>
    public Task<TaskState> WhenEnded => WhenEndedCore();

    /// <summary>A snapshot of the live threads of the task, in start order. Any thread.</summary>
    public IReadOnlyList<LuaThread> Threads
    {
        get
        {
            lock (_lock)
            {
                return [.. _threads.Values.OrderBy(t => t.Id)];
            }
        }
    }

    /// <summary>The reactive timers by id (cooperative thread only).</summary>
    internal Dictionary<long, LuaTimer> Timers { get; } = [];

    /// <summary>Events a reactive thread took that had no callback (dropped).</summary>
    public long UnroutedEvents => Interlocked.Read(ref _unrouted);

    /// <summary>The task of an API call (the state's host).</summary>
    public static LuaRun Of(in LuaCallContext ctx) =>
        ctx.State.Host as LuaRun ?? throw new InvalidOperationException("This Lua state does not belong to a LuaRun.");

    /// <summary>
    /// Creates the Lua state and starts the first thread, which loads the app (its top level runs) and calls the
    /// entry with the arguments. A load failure (runtime error at top level, unknown entry) ends the task in Error.
    /// </summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        if (_lua is not null)
        {
            throw new InvalidOperationException($"{this} was already started; start a new run instead.");
        }
        var options = new LuaTaskOptions
        {
            MemoryLimitBytes = Services.Options.MemoryLimitBytes,
            HookInstructionCount = Services.Options.HookInstructionCount,
            TimeProvider = Services.TimeProvider,
            Print = line => Log(2, line),
        };
        _lua = new LuaState(options, Services.Api, this);
        _live = 1;
        var state = _lua;
        var engine = Services.TaskHost.StartTask(Name, RunFirstThreadAsync, configure: engine =>
        {
            engine.Tag = this;
            engine.CooperativeKill = state.RequestKill;
            engine.BeforeError = BeforeError;
            _engine = engine;
            Services.Tasks[Id] = this;
        }, id: Id);
        // Normally the last Lua thread finishes the task on its way out. A task whose stuck slice was abandoned by
        // the watchdog has threads that never run again: the engine's end finishes it then.
        engine.WhenEnded.ContinueWith(static (_, s) => ((LuaRun)s!).Finish(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Stores the task's Error before it takes effect (the task manager's journal write); set before <see cref="Start"/>.
    /// The kill of a failing task waits for it, so a restart never runs a killed task again.
    /// </summary>
    public Func<string, Task>? BeforeError { get; set; }

    /// <summary>
    /// Ends the task in Error at once: every thread ends without running more of its code (to-be-closed variables and
    /// close handlers do not run). For a task that a stop cannot reach (its slice is stuck).
    /// </summary>
    /// <param name="reason">Why, for the task's state.</param>
    public void Abandon(string reason)
    {
        // Lua code stops at its next hook check; only a C call that never returns keeps its OS thread.
        _lua?.RequestKill();
        _engine?.Abandon(reason);
    }

    /// <summary>Stops the task by a user's request: Disabled, every wait interrupted (to-be-closed variables run).</summary>
    /// <param name="reason">Who stopped it (the task's reason while Disabled).</param>
    public void Stop(string reason = "stopped")
    {
        if (_engine is { } engine)
        {
            Services.TaskHost.StopTask(engine, reason);
        }
    }

    /// <summary>
    /// Registers a cleanup to run once when the task ends, in any way (returned, stopped, failed, killed). Runs
    /// at once when the task has already ended. Runs on the cooperative thread (the last thread's end).
    /// </summary>
    public void OnEnd(Action cleanup)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        lock (_lock)
        {
            if (!_ended)
            {
                _cleanups.Add(cleanup);
                return;
            }
        }
        RunCleanup(cleanup);
    }

    /// <summary>Writes to the task's log (rate-limited, cut at the configured length) and the node's log.</summary>
    /// <param name="level">0 trace … 5 fatal; out-of-range levels are clamped.</param>
    /// <param name="message">The text.</param>
    public void Log(int level, string message) => Log(level, message, CurrentThreadId());

    /// <summary>As <see cref="Log(int, string)"/> for a given thread id.</summary>
    public void Log(int level, string message, long thread, bool limited = true)
    {
        ArgumentNullException.ThrowIfNull(message);
        level = Math.Clamp(level, 0, 5);
        if (TaskLog.Write(level, thread, message, limited) is { } entry)
        {
            var logLevel = (LogLevel)level;
            if (_logger.IsEnabled(logLevel))
            {
                _logger.TaskLine(logLevel, Id, Name, thread, entry.Text);
            }
        }
    }

    /// <summary>The thread with Lua id <paramref name="id"/> of this task, if alive.</summary>
    public LuaThread? FindThread(long id)
    {
        lock (_lock)
        {
            return _threads.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// Collects the garbage of the task's start, once: called when one of its threads first yields. An idle
    /// task then keeps only what it can reach (Lua's collector would not run again until it allocates).
    /// </summary>
    /// <remarks><b>Thread:</b> the cooperative thread, between slices of this task's Lua code.</remarks>
    internal void CollectStartGarbageOnce()
    {
        if (_startCollected)
        {
            return;
        }
        _startCollected = true;
        if (_lua is { IsDisposed: false } state)
        {
            state.CollectGarbage();
        }
    }

    /// <summary>The task's counters now.</summary>
    public TaskStatistics GetStatistics()
    {
        var state = _lua;
        var used = state is null || state.IsDisposed ? 0 : state.MemoryUsed;
        var peak = Math.Max(Interlocked.Read(ref _lastMemoryPeak), state is null ? 0 : state.PeakMemoryUsed);
        lock (_lock)
        {
            // A handle's counters are final once it is ended; fold those.
            for (var i = _endedThreads.Count - 1; i >= 0; i--)
            {
                if (_endedThreads[i].IsEnded)
                {
                    _droppedOfEnded += _endedThreads[i].QueueFullCount + _endedThreads[i].DroppedAtEnd + DeviceEventsDropped(_endedThreads[i]);
                    _endedThreads.RemoveAt(i);
                }
            }
        }
        long dropped = Interlocked.Read(ref _droppedOfEnded);
        var live = 0;
        if (_engine is { } engine)
        {
            live = engine.LiveThreads;
            foreach (var thread in Threads)
            {
                if (thread.Engine is { IsEnded: false } handle)
                {
                    dropped += handle.QueueFullCount + DeviceEventsDropped(handle);
                }
            }
        }
        return new TaskStatistics(dropped, TaskLog.Suppressed, used, peak,
            _engine?.LongestSlice ?? TimeSpan.Zero, _engine?.BusyTime ?? TimeSpan.Zero, live, _engine?.LastRanAt);
    }

    // Device events the bus could not deliver because the thread's queue was full (the bus counts them per subscriber).
    private long DeviceEventsDropped(TaskThread thread) => Services.DeviceBus?.DroppedFor(thread) ?? 0;

    /// <inheritdoc />
    public override string ToString() => $"task {Id} ({Name})";

    /// <summary>Starts a new thread running the function at <paramref name="functionIndex"/> of the call with the values after it.</summary>
    /// <returns>The thread, or null with <paramref name="error"/>.</returns>
    internal LuaThread? NewThread(in LuaCallContext ctx, LuaThread caller, int functionIndex, out string? error)
    {
        var coroutine = Lua.AdoptThread(ctx, functionIndex);
        if (coroutine is null)
        {
            error = $"{ctx.FunctionName}: argument 1 (func) must be a function";
            return null;
        }
        var extra = ctx.ArgumentCount - functionIndex;
        if (!coroutine.TryPushFrom(ctx.Thread, functionIndex + 1, extra))
        {
            coroutine.Close();
            error = $"{ctx.FunctionName}: too many arguments";
            return null;
        }
        var thread = new LuaThread(this, coroutine);
        try
        {
            thread.Engine = caller.Context.NewThread(thread.RunAsync);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ThreadStoppedException)
        {
            coroutine.Close();
            error = $"{ctx.FunctionName}: the task is ending";
            return null;
        }
        _live++;
        lock (_lock)
        {
            _threads[thread.Id] = thread;
        }
        Services.Threads[thread.Id] = thread;
        error = null;
        return thread;
    }

    internal long NextTimerId() => ++_nextTimerId;

    internal void CountUnrouted() => Interlocked.Increment(ref _unrouted);

    /// <summary>Ends the task in Error (the first failure's reason and traceback are kept) and logs it.</summary>
    internal void Fail(string reason, string? traceback)
    {
        Engine.Fail(reason, traceback);
        var finalReason = Reason ?? reason;
        Log(4, traceback is null ? finalReason : $"{finalReason}\n{traceback}", 0, limited: false);
        _logger.TaskFailed(Id, Name, finalReason);
    }

    internal void OnThreadEnded(LuaThread thread)
    {
        thread.ReleaseCallbacks();
        if (thread.Lua.Status != LuaThreadStatus.Running)
        {
            thread.Lua.Close();
        }
        lock (_lock)
        {
            if (_threads.Remove(thread.Id))
            {
                _endedThreads.Add(thread.Engine);
            }
        }
        Services.Threads.TryRemove(thread.Id, out _);
        thread.Unexport();
        if (--_live == 0)
        {
            Finish();
        }
    }

    private async Task RunFirstThreadAsync(ITaskContext context)
    {
        LuaThread? first = null;
        try
        {
            var load = Lua.LoadApp(_definition.Source, _definition.ChunkName);
            if (!load.Success)
            {
                Fail(load.Message ?? "the app failed to load", load.Traceback);
                return;
            }
            if (!Lua.TryGetEntry(_definition.Function, out var entry))
            {
                var names = Lua.EntryNames.Count == 0 ? "none" : string.Join(", ", Lua.EntryNames);
                Fail($"{_definition.ChunkName}: no entry function '{_definition.Function}' (entries: {names})", null);
                return;
            }
            var coroutine = Lua.CreateThread(entry);
            foreach (var argument in _definition.Arguments)
            {
                coroutine.PushObject(argument);
            }
            first = new LuaThread(this, coroutine) { Engine = context.Thread };
            lock (_lock)
            {
                _threads[first.Id] = first;
            }
            Services.Threads[first.Id] = first;
        }
        finally
        {
            if (first is null)
            {
                if (--_live == 0)
                {
                    Finish();
                }
            }
        }
        await first.RunAsync(context).ConfigureAwait(true);
    }

    private void Finish()
    {
        Action[] cleanups;
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }
            _ended = true;
            cleanups = [.. _cleanups];
            _cleanups.Clear();
        }
        foreach (var cleanup in cleanups)
        {
            RunCleanup(cleanup);
        }
        if (_lua is { } state)
        {
            Interlocked.Exchange(ref _lastMemoryPeak, state.PeakMemoryUsed);
            // A slice abandoned by the watchdog (stuck inside C) may still run in this state: free it only
            // after that slice ended.
            Services.TaskHost.Executor.RunWhenIdle(Engine, state.Dispose);
        }
        _finalized.TrySetResult();
    }

    private void RunCleanup(Action cleanup)
    {
        try
        {
            cleanup();
        }
#pragma warning disable CA1031 // A failing cleanup must not keep the others from running; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.CleanupFailed(ex, Id, Name);
        }
    }

    private async Task<TaskState> WhenEndedCore()
    {
        await _finalized.Task.ConfigureAwait(false);
        return await Engine.WhenEnded.ConfigureAwait(false);
    }

    private long CurrentThreadId() => _lua?.RunningThread?.Tag is LuaThread thread ? thread.Id : 0;
}
