using System.Globalization;
using Liberty.Node.Engine;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// One thread of a Lua task: a Lua coroutine (<see cref="LuaCoroutine"/>, whose <c>Tag</c> is this object)
/// driven by an engine thread (<see cref="Context"/>). Its life is <see cref="RunAsync"/>: resume the
/// coroutine; it yields a request (<c>"wait", ms</c>, <c>"sleep", ms</c>, ...); await the matching
/// <see cref="ITaskContext"/> call; resume; until the coroutine returns, fails, or the thread is stopped.
/// Also keeps the thread's reactive callbacks (<see cref="SetCallback"/>): the function and tag live in the
/// Lua registry, keyed by any .NET object (a timer, a device subscription, a socket).
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> everything runs on the node's cooperative thread, in this thread's own code or in
/// callbacks of its Lua state. <see cref="Id"/>, <see cref="Engine"/> and <see cref="Task"/> may be read anywhere.</para>
/// <para><b>Cancellation:</b> a stop (task stopped, failed, killed, or <c>Libre_ExitThread(id)</c>) makes the
/// pending engine wait throw; the coroutine is then closed, which runs its to-be-closed variables.</para>
/// <para><b>Ordering:</b> requests are served in the order the coroutine makes them.</para>
/// </remarks>
internal sealed class LuaThread
{
    // Cooperative thread only: callback key -> (function ref, tag ref) in the Lua registry.
    private readonly Dictionary<object, (int Function, int Tag)> _callbacks = [];
    private TaskThread? _engine;

    // Guarded by the node's endpoint table (exports are rare: no lock object per thread): the names this thread
    // exported (liberty.export), null until the first. Any thread reads _exported.
    private List<string>? _exports;
    private bool _exported;

    internal LuaThread(LuaRun task, LuaCoroutine lua)
    {
        Task = task;
        Lua = lua;
        lua.Tag = this;
    }

    /// <summary>The id Lua sees (the engine thread's id: unique on the node, 1, 2, ... in start order).</summary>
    public long Id => Engine.Id;

    /// <summary>The task.</summary>
    public LuaRun Task { get; }

    /// <summary>The engine context of this thread (valid once it runs).</summary>
    public ITaskContext Context => Engine;

    /// <summary>The engine thread; <see cref="TaskThread.ActorRef"/> is its mailbox, i.e. its event queue.</summary>
    public TaskThread Engine
    {
        get => _engine ?? throw new InvalidOperationException("The thread has no engine thread yet.");
        internal set => _engine = value;
    }

    /// <summary>The coroutine.</summary>
    internal LuaCoroutine Lua { get; }

    /// <summary>True once the thread entered <c>Libre_WaitReactive</c>.</summary>
    public bool IsReactive { get; internal set; }

    /// <summary>This thread's armed reactive timers by engine timer (cooperative thread only).</summary>
    internal Dictionary<EngineTimer, LuaTimer> TimersByEngine { get; } = [];

    /// <summary>
    /// An operation a callback started that the thread must await before it continues (e.g. a store write that
    /// is acknowledged only once durable): the adapter then yields <c>"await"</c>. Cleared when awaited.
    /// </summary>
    internal Task? Pending { get; set; }

    /// <summary>True once the thread exported itself under a name: other tasks may then post to it, poll and watch it.</summary>
    public bool IsExported => Volatile.Read(ref _exported);

    /// <summary>
    /// Exports this thread under <paramref name="name"/> (<c>liberty.export</c>); false when a live thread holds the
    /// name already. A thread may hold several names; they are freed when it ends (<see cref="Unexport"/>).
    /// </summary>
    internal bool TryExport(string name)
    {
        var endpoints = Task.Services.Endpoints;
        var holder = endpoints.GetOrAdd(name, this);
        if (!ReferenceEquals(holder, this) && !(holder.Engine.IsEnded && endpoints.TryUpdate(name, this, holder)))
        {
            return false;
        }
        lock (endpoints)
        {
            _exports ??= [];
            if (!_exports.Contains(name))
            {
                _exports.Add(name);
            }
        }
        Volatile.Write(ref _exported, true);
        return true;
    }

    /// <summary>Frees the names this thread exported (its end).</summary>
    internal void Unexport()
    {
        if (!IsExported)
        {
            return;
        }
        var endpoints = Task.Services.Endpoints;
        string[] names;
        lock (endpoints)
        {
            names = [.. _exports ?? []];
            _exports = null;
        }
        foreach (var name in names)
        {
            endpoints.TryRemove(KeyValuePair.Create(name, this));
        }
    }

    /// <summary>Registered reactive callbacks.</summary>
    public int CallbackCount => _callbacks.Count;

    /// <summary>
    /// The task thread making an API call, or null when the call comes from a coroutine the app created
    /// itself (functions that need a thread then fail with a clear message: <see cref="NoThreadMessage"/>).
    /// </summary>
    public static LuaThread? Of(in LuaCallContext ctx) => ctx.CallingThread?.Tag as LuaThread;

    /// <summary>The failure message of a function that needs a task thread, called from an app coroutine.</summary>
    public static string NoThreadMessage(in LuaCallContext ctx) =>
        $"{ctx.FunctionName}: must be called from a task thread, not from inside a coroutine the app created";

    /// <summary>
    /// Registers (or replaces) the callback for <paramref name="key"/>: the function at
    /// <paramref name="functionIndex"/> and the tag at <paramref name="tagIndex"/> of the call (any value, nil included).
    /// <c>Libre_WaitReactive</c> calls it as <c>cb(tag, ...)</c> for the events routed to
    /// <paramref name="key"/> (<see cref="LuaReactiveRouting"/>).
    /// </summary>
    /// <returns>False when the value at <paramref name="functionIndex"/> is not a function (nothing registered).</returns>
    public bool SetCallback(object key, in LuaCallContext ctx, int functionIndex, int tagIndex)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (ctx.TypeOf(functionIndex) != KeraLua.LuaType.Function || !ctx.EnsureStack(2))
        {
            return false;
        }
        ClearCallback(key);
        LuaNative.lua_pushvalue(ctx.Thread, functionIndex);
        var function = LuaNative.luaL_ref(ctx.Thread, LuaNative.RegistryIndex);
        LuaNative.lua_pushvalue(ctx.Thread, tagIndex);
        var tag = LuaNative.luaL_ref(ctx.Thread, LuaNative.RegistryIndex);
        _callbacks[key] = (function, tag);
        return true;
    }

    /// <summary>Removes the callback for <paramref name="key"/>.</summary>
    /// <returns>True when one was registered.</returns>
    public bool ClearCallback(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_callbacks.Remove(key, out var refs))
        {
            return false;
        }
        Task.Lua.Unreference(refs.Function);
        Task.Lua.Unreference(refs.Tag);
        return true;
    }

    /// <summary>The registry reference of the callback function for <paramref name="key"/>.</summary>
    internal bool TryGetCallbackReference(object key, out int reference)
    {
        var found = _callbacks.TryGetValue(key, out var refs);
        reference = refs.Function;
        return found;
    }

    /// <summary>True when a callback is registered for <paramref name="key"/>.</summary>
    public bool HasCallback(object key) => _callbacks.ContainsKey(key);

    /// <summary>Pushes the callback and tag of <paramref name="key"/> onto <paramref name="thread"/>.</summary>
    /// <returns>False (nothing pushed) when none is registered.</returns>
    internal bool TryPushCallback(object key, IntPtr thread)
    {
        if (!_callbacks.TryGetValue(key, out var refs) || LuaNative.lua_checkstack(thread, 2) == 0)
        {
            return false;
        }
        LuaNative.lua_rawgeti(thread, LuaNative.RegistryIndex, refs.Function);
        LuaNative.lua_rawgeti(thread, LuaNative.RegistryIndex, refs.Tag);
        return true;
    }

    /// <summary>The thread's life: the resume loop (see the class summary). Runs as the engine thread's entry.</summary>
    internal async Task RunAsync(ITaskContext context)
    {
        _engine ??= context.Thread;
        try
        {
            if (context.Stopping.IsCancellationRequested)
            {
                return;
            }
            while (true)
            {
                var result = Lua.Resume();
                if (result.Status == LuaResumeStatus.Finished)
                {
                    return;
                }
                if (result.IsFailure)
                {
                    Task.Fail(result.Message ?? "error", result.Traceback);
                    return;
                }
                Task.CollectStartGarbageOnce();
                var request = Request();
                if (request is "wait")
                {
                    // The hot path (Libre_Wait): served here, so a switch costs no extra state machine.
                    await context.Wait(Milliseconds(Lua.GetValueNumber(2))).ConfigureAwait(true);
                    continue;
                }
                if (!await ServeAsync(context, request).ConfigureAwait(true))
                {
                    return;
                }
            }
        }
        finally
        {
            Task.OnThreadEnded(this);
        }
    }

    // Serves the request the coroutine yielded. False: the thread ends (Libre_ExitThread).
    private async Task<bool> ServeAsync(ITaskContext context, string? request)
    {
        switch (request)
        {
            case "wait":
                await context.Wait(Milliseconds(Lua.GetValueNumber(2))).ConfigureAwait(true);
                return true;
            case "until":
                await context.WaitUntil(UtcSeconds(Lua.GetValue(2))).ConfigureAwait(true);
                return true;
            case "sleep":
                if (Milliseconds(Lua.GetValueNumber(2)) is { } duration && duration > TimeSpan.Zero)
                {
                    await context.SleepFor(duration).ConfigureAwait(true);
                }
                else
                {
                    await context.YieldCpu().ConfigureAwait(true);
                }
                return true;
            case "reactive":
                await context.Wait().ConfigureAwait(true);
                return true;
            case "exit":
                return false;
            case "await":
                if (Pending is { } pending)
                {
                    Pending = null;
                    await pending.WaitAsync(context.Stopping).ConfigureAwait(true);
                }
                return true;
            case "interruptible":
                var limit = Milliseconds(Lua.GetValueNumber(2));
                var interrupted = await context.Interruptible(async token =>
                {
                    if (limit is { } duration)
                    {
                        await context.SleepFor(duration, token).ConfigureAwait(true);
                    }
                    else
                    {
                        var forever = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        using var registration = token.Register(static s => ((TaskCompletionSource)s!).TrySetCanceled(), forever);
                        await forever.Task.ConfigureAwait(true);
                    }
                    return true;
                }).ConfigureAwait(true);
                Lua.PushBoolean(interrupted.Interrupted);
                return true;
            default:
                // A bare coroutine.yield() in a task thread: a yield to the other ready threads.
                await context.YieldCpu().ConfigureAwait(true);
                return true;
        }
    }

    // The request the coroutine yielded (its first value), as one of the literal request names, without
    // allocating; null for anything else (a bare coroutine.yield()).
    private string? Request()
    {
        var bytes = Lua.ValueCount > 0 ? Lua.GetValueBytes(1) : default;
        return bytes switch
        {
            [(byte)'w', (byte)'a', (byte)'i', (byte)'t'] => "wait",
            [(byte)'u', (byte)'n', (byte)'t', (byte)'i', (byte)'l'] => "until",
            [(byte)'s', (byte)'l', (byte)'e', (byte)'e', (byte)'p'] => "sleep",
            [(byte)'r', (byte)'e', (byte)'a', (byte)'c', (byte)'t', (byte)'i', (byte)'v', (byte)'e'] => "reactive",
            [(byte)'e', (byte)'x', (byte)'i', (byte)'t'] => "exit",
            [(byte)'a', (byte)'w', (byte)'a', (byte)'i', (byte)'t'] => "await",
            _ when bytes.SequenceEqual("interruptible"u8) => "interruptible",
            _ => null,
        };
    }

    private static TimeSpan? Milliseconds(double? value)
    {
        var ms = value ?? -1;
        if (double.IsNaN(ms) || ms < 0)
        {
            return null;
        }
        return TimeSpan.FromMilliseconds(Math.Min(ms, TimeSpan.MaxValue.TotalMilliseconds / 2));
    }

    private static DateTimeOffset UtcSeconds(object? value)
    {
        var seconds = value switch
        {
            long l => (double)l,
            double d => d,
            _ => 0,
        };
        if (double.IsNaN(seconds) || seconds < 0)
        {
            seconds = 0;
        }
        seconds = Math.Min(seconds, 253_402_300_799);
        return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    internal void ReleaseCallbacks()
    {
        foreach (var timer in TimersByEngine.Values.ToArray())
        {
            timer.Hold();
        }
        TimersByEngine.Clear();
        foreach (var key in _callbacks.Keys)
        {
            if (key is LuaTimer timer)
            {
                Task.Timers.Remove(timer.Id);
            }
        }
        foreach (var key in _callbacks.Keys.ToArray())
        {
            ClearCallback(key);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"thread {(_engine is null ? 0 : _engine.Id)} of {Task}");
}
