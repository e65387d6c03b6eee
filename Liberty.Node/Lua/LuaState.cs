using System.Runtime.InteropServices;
using System.Text;
using KeraLua;

namespace Liberty.Node.Lua;

/// <summary>
/// The Lua state of one task: a sandboxed Lua 5.4 universe with the Liberty compatibility runtime, a
/// memory limit enforced by its allocator, and a kill switch on every coroutine. The engine loads the
/// app (<see cref="LoadApp"/>), looks up an entry (<see cref="TryGetEntry"/>), runs each task thread as a
/// <see cref="LuaCoroutine"/>, and disposes the state when the task ends. README.md explains the model.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> one thread at a time (the node's cooperative thread). Only <see cref="RequestKill"/>,
/// <see cref="KillRequested"/>, <see cref="MemoryUsed"/>, <see cref="PeakMemoryUsed"/> and
/// <see cref="MemoryLimitExceeded"/> may be used from any thread.</para>
/// <para><b>Cancellation:</b> <see cref="RequestKill"/> ends the running slice at its next hook check
/// (every <see cref="LuaTaskOptions.HookInstructionCount"/> instructions) and every later one; it cannot be undone.</para>
/// <para><b>Ordering:</b> no ordering across threads beyond "a kill requested before a resume is seen by it".</para>
/// <para>Must be disposed: the Lua state is native memory, and the state pins itself with a GC handle
/// that the C# callbacks use to find it.</para>
/// </remarks>
internal sealed partial class LuaState : IDisposable
{
    private readonly LuaNative.Allocator _allocator;
    private readonly GCHandle _handle;
    private readonly LuaApi _api;
    private readonly Dictionary<IntPtr, LuaCoroutine> _threads = [];
    private readonly Dictionary<string, LuaFunctionRef> _entries = new(StringComparer.Ordinal);
    private readonly int _killRef;
    private readonly int _spawnRef;
    private readonly int _describeRef;
    private IntPtr _main;
    private volatile bool _killRequested;
    private bool _loaded;
    private int _entryTableRef = LuaNative.RefNil;
    private string[] _entryNames = [];

    /// <summary>Creates the state, opens the standard library, installs the runtime and closes the sandbox.</summary>
    /// <param name="options">Limits and services; validated here.</param>
    /// <param name="api">The C# API to expose (lazily bound globals); default none.</param>
    /// <param name="host">An object for the engine's callbacks (<see cref="Host"/>).</param>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="InvalidOperationException">Lua could not create the state, or the runtime failed to install (a bug).</exception>
    public LuaState(LuaTaskOptions options, LuaApi? api = null, object? host = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        MemoryLimit = options.MemoryLimitBytes;
        Host = host;
        _api = api ?? LuaApi.Empty;
        _functions = BindAll(_api);
        CreatedTimestamp = options.TimeProvider.GetTimestamp();
        _allocator = Allocate;
        _handle = GCHandle.Alloc(this);
        _main = LuaNative.lua_newstate(Marshal.GetFunctionPointerForDelegate(_allocator), IntPtr.Zero);
        if (_main == IntPtr.Zero)
        {
            _handle.Free();
            throw new InvalidOperationException("Lua could not create a state (out of memory).");
        }
        try
        {
            LuaNative.luaL_openlibs(_main);
            var runtime = InstallRuntime();
            _killRef = RefField(runtime, "kill");
            _spawnRef = RefField(runtime, "spawn");
            _describeRef = RefField(runtime, "describe");
            LuaNative.lua_settop(_main, 0);
        }
        catch
        {
            LuaNative.lua_close(_main);
            _main = IntPtr.Zero;
            _handle.Free();
            throw;
        }
    }

    /// <summary>The options the state was created with.</summary>
    public LuaTaskOptions Options { get; }

    /// <summary>The engine's object for this task, given at creation.</summary>
    public object? Host { get; }

    /// <summary>The <see cref="TimeProvider"/> timestamp at creation (origin of <c>os.clock</c>).</summary>
    public long CreatedTimestamp { get; }

    /// <summary>True once <see cref="RequestKill"/> was called.</summary>
    public bool KillRequested => _killRequested;

    /// <summary>The public entry functions of the loaded app, sorted (ordinal). Empty before <see cref="LoadApp"/>.</summary>
    public IReadOnlyList<string> EntryNames => _entryNames;

    /// <summary>Threads created and not yet closed.</summary>
    public int ThreadCount => _threads.Count;

    internal int BufferMetatableRef { get; set; } = LuaNative.RefNil;

    private bool ShouldStop => _killRequested || _memoryLimitExceeded;

    /// <summary>
    /// Flags the task for killing: the running slice (if any) raises the kill sentinel at its next hook
    /// check, and so does every later slice. pcall/xpcall/coroutine.resume cannot catch it.
    /// </summary>
    /// <remarks>Thread: any (this is the watchdog's call). Idempotent.</remarks>
    public void RequestKill() => _killRequested = true;

    /// <summary>
    /// Compiles the app (text only) and runs its top level as a killable coroutine. A syntax error is reported
    /// as "name:line: message" and runs nothing. A chunk that returns a table provides its entries; otherwise
    /// the functions it defined as globals are the entries. May be called once.
    /// </summary>
    /// <param name="source">The app's Lua source.</param>
    /// <param name="chunkName">The name in messages and tracebacks, e.g. "app.lua".</param>
    /// <returns>Success, or why loading failed. After a failure the state should be disposed.</returns>
    /// <exception cref="InvalidOperationException">An app was already loaded.</exception>
    public LuaLoadResult LoadApp(string source, string chunkName)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(chunkName);
        ObjectDisposedException.ThrowIf(_main == IntPtr.Zero, this);
        if (_loaded)
        {
            throw new InvalidOperationException("An app was already loaded into this state.");
        }
        _loaded = true;
        var bytes = Encoding.UTF8.GetBytes(source);
        var mayRefuse = _mayRefuse;
        _mayRefuse = true;
        var status = LuaNative.luaL_loadbufferx(_main, bytes, (UIntPtr)bytes.Length, LuaNative.CString("@" + chunkName), LuaNative.CString("t"));
        _mayRefuse = mayRefuse;
        if (status != LuaStatus.OK)
        {
            var message = LuaNative.ToString(_main, -1) ?? "unknown load error";
            LuaNative.lua_settop(_main, 0);
            return status == LuaStatus.ErrMem || _memoryLimitExceeded
                ? new LuaLoadResult(false, LuaResumeStatus.MemoryLimit, MemoryLimitMessage(message), null)
                : new LuaLoadResult(false, LuaResumeStatus.Errored, message, null);
        }
        var baseline = GlobalNames();
        var thread = SpawnFromTop();
        var result = thread.Resume();
        try
        {
            if (result.Status == LuaResumeStatus.Yielded)
            {
                return new LuaLoadResult(false, LuaResumeStatus.Errored, $"{chunkName}: the app's top level must not yield or wait", null);
            }
            if (result.IsFailure)
            {
                return new LuaLoadResult(false, result.Status, result.Message, result.Traceback);
            }
            if (result.ValueCount > 0 && thread.GetValueType(1) == LuaType.Table)
            {
                thread.PushValueTo(_main, 1);
                _entryTableRef = LuaNative.luaL_ref(_main, LuaNative.RegistryIndex);
            }
        }
        finally
        {
            thread.Close();
        }
        _entryNames = CollectEntryNames(baseline);
        return new LuaLoadResult(true, LuaResumeStatus.Finished, null, null);
    }

    /// <summary>Compiles <paramref name="source"/> (text only) without running it: a syntax check.</summary>
    /// <param name="source">The Lua source.</param>
    /// <param name="chunkName">The name in messages, e.g. "app.lua".</param>
    /// <returns>Null when it compiles; otherwise the message ("app.lua:3: ...").</returns>
    public string? CheckSyntax(string source, string chunkName)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(chunkName);
        ObjectDisposedException.ThrowIf(_main == IntPtr.Zero, this);
        var bytes = Encoding.UTF8.GetBytes(source);
        var mayRefuse = _mayRefuse;
        _mayRefuse = true;
        var status = LuaNative.luaL_loadbufferx(_main, bytes, (UIntPtr)bytes.Length, LuaNative.CString("@" + chunkName), LuaNative.CString("t"));
        _mayRefuse = mayRefuse;
        var message = status == LuaStatus.OK ? null : LuaNative.ToString(_main, -1) ?? "unknown load error";
        LuaNative.lua_settop(_main, 0);
        return message;
    }

    /// <summary>
    /// Finds entry <paramref name="name"/>: <c>ret[name]</c> when the app returned a table, else <c>_G[name]</c> when the
    /// app defined it (one of <see cref="EntryNames"/>; raw lookups: no metamethod runs).
    /// </summary>
    /// <returns>True with the function when the name is a function of the app.</returns>
    public bool TryGetEntry(string name, out LuaFunctionRef entry)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(_main == IntPtr.Zero, this);
        if (_entries.TryGetValue(name, out entry))
        {
            return true;
        }
        if (_entryTableRef == LuaNative.RefNil && Array.BinarySearch(_entryNames, name, StringComparer.Ordinal) < 0)
        {
            // Only what the app defined is an entry: not a built-in such as print, nor an API function.
            entry = default;
            return false;
        }
        if (_entryTableRef != LuaNative.RefNil)
        {
            RawGetRegistry(_main, _entryTableRef);
        }
        else
        {
            RawGetRegistry(_main, LuaNative.RegistryGlobals);
        }
        LuaNative.PushString(_main, name);
        var type = LuaNative.lua_rawget(_main, -2);
        if (type != LuaType.Function)
        {
            LuaNative.lua_settop(_main, 0);
            entry = default;
            return false;
        }
        entry = new LuaFunctionRef(name, LuaNative.luaL_ref(_main, LuaNative.RegistryIndex));
        LuaNative.lua_settop(_main, 0);
        _entries.Add(name, entry);
        return true;
    }

    /// <summary>Creates a task thread (a coroutine with the kill hook) that will run <paramref name="entry"/>; start it with <see cref="LuaCoroutine.Resume"/>.</summary>
    /// <returns>The new thread, not started; arguments pushed before the first resume are the function's arguments.</returns>
    public LuaCoroutine CreateThread(LuaFunctionRef entry)
    {
        ObjectDisposedException.ThrowIf(_main == IntPtr.Zero, this);
        if (RawGetRegistry(_main, entry.Reference) != LuaType.Function)
        {
            LuaNative.lua_settop(_main, 0);
            throw new ArgumentException($"'{entry.Name}' is not a function of this state.", nameof(entry));
        }
        return SpawnFromTop();
    }

    /// <summary>
    /// From a C# callback: makes the coroutine at <paramref name="index"/> (created in Lua, e.g. by an adapter
    /// calling <c>rt.create(f)</c>, which installs the kill hook) a task thread the engine resumes.
    /// </summary>
    /// <returns>The thread (the same object when already adopted), or null when the value is not a coroutine.</returns>
    public LuaCoroutine? AdoptThread(LuaCallContext context, int index)
    {
        var coroutine = LuaNative.lua_tothread(context.Thread, index);
        if (coroutine == IntPtr.Zero)
        {
            return null;
        }
        if (_threads.TryGetValue(coroutine, out var existing))
        {
            return existing;
        }
        LuaNative.lua_pushvalue(context.Thread, index);
        var reference = LuaNative.luaL_ref(context.Thread, LuaNative.RegistryIndex);
        var thread = new LuaCoroutine(this, coroutine, reference, LuaNative.lua_status(coroutine) == LuaStatus.OK && LuaNative.lua_gettop(coroutine) > 0);
        _threads.Add(coroutine, thread);
        return thread;
    }

    /// <summary>The task thread whose coroutine is <paramref name="coroutine"/>, or null (e.g. an app-created coroutine).</summary>
    public LuaCoroutine? FindThread(IntPtr coroutine) => _threads.GetValueOrDefault(coroutine);

    /// <summary>Releases a reference taken with <c>luaL_ref</c> in the registry (no-op once the state is disposed).</summary>
    /// <remarks>Thread: the state's thread; safe inside callbacks (never raises).</remarks>
    public void Unreference(int reference)
    {
        if (_main != IntPtr.Zero)
        {
            LuaNative.luaL_unref(_main, LuaNative.RegistryIndex, reference);
        }
    }

    /// <summary>True once <see cref="Dispose"/> ran.</summary>
    public bool IsDisposed => _main == IntPtr.Zero;

    /// <summary>
    /// Runs a full collection cycle. Lua's collector only runs as a task allocates, so the garbage of a
    /// task's start (compiled adapters, argument tables) would otherwise stay as long as the task idles.
    /// </summary>
    /// <remarks>Call between slices (not from a callback of this state). Finalizer errors become Lua warnings; nothing raises.</remarks>
    public void CollectGarbage()
    {
        ObjectDisposedException.ThrowIf(_main == IntPtr.Zero, this);
        _ = LuaNative.lua_gc(_main, LuaNative.GcCollect, 0);
    }

    /// <summary>Closes every open thread (running its to-be-closed variables) and frees the Lua state.</summary>
    /// <remarks>Thread: the state's thread, never from inside a callback of this state.</remarks>
    public void Dispose()
    {
        if (_main == IntPtr.Zero)
        {
            return;
        }
        foreach (var thread in _threads.Values.ToArray())
        {
            thread.Close();
        }
        LuaNative.lua_close(_main);
        _main = IntPtr.Zero;
        _handle.Free();
        GC.KeepAlive(_allocator);
    }

    internal void PushBufferMetatable(IntPtr thread) => RawGetRegistry(thread, BufferMetatableRef);

    private LuaCoroutine SpawnFromTop()
    {
        // Stack: [..., function]. RT.spawn is coroutine.create with the kill hook installed.
        RawGetRegistry(_main, _spawnRef);
        LuaNative.lua_rotate(_main, -2, 1);
        var status = LuaNative.PCall(_main, 1, 1, 0);
        if (status != LuaStatus.OK)
        {
            var message = LuaNative.ToString(_main, -1);
            LuaNative.lua_settop(_main, 0);
            throw new InvalidOperationException($"Could not create a Lua thread: {message}");
        }
        var coroutine = LuaNative.lua_tothread(_main, -1);
        var reference = LuaNative.luaL_ref(_main, LuaNative.RegistryIndex);
        LuaNative.lua_settop(_main, 0);
        var thread = new LuaCoroutine(this, coroutine, reference, notStarted: true);
        _threads.Add(coroutine, thread);
        return thread;
    }

    private HashSet<string> GlobalNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        RawGetRegistry(_main, LuaNative.RegistryGlobals);
        var table = LuaNative.lua_gettop(_main);
        LuaNative.lua_pushnil(_main);
        while (LuaNative.lua_next(_main, table) != 0)
        {
            if (LuaNative.lua_type(_main, -2) == LuaType.String)
            {
                names.Add(LuaNative.ToString(_main, -2)!);
            }
            LuaNative.Pop(_main, 1);
        }
        LuaNative.lua_settop(_main, table - 1);
        return names;
    }

    private string[] CollectEntryNames(HashSet<string> baseline)
    {
        var fromTable = _entryTableRef != LuaNative.RefNil;
        RawGetRegistry(_main, fromTable ? _entryTableRef : LuaNative.RegistryGlobals);
        var table = LuaNative.lua_gettop(_main);
        var names = new List<string>();
        LuaNative.lua_pushnil(_main);
        while (LuaNative.lua_next(_main, table) != 0)
        {
            if (LuaNative.lua_type(_main, -2) == LuaType.String && LuaNative.lua_type(_main, -1) == LuaType.Function)
            {
                var name = LuaNative.ToString(_main, -2)!;
                if (fromTable || (!baseline.Contains(name) && !_api.Contains(name) && !LuaPrelude.IsRuntimeFunction(name)))
                {
                    names.Add(name);
                }
            }
            LuaNative.Pop(_main, 1);
        }
        LuaNative.lua_settop(_main, table - 1);
        names.Sort(StringComparer.Ordinal);
        return [.. names];
    }

    private int RefField(int table, string name)
    {
        LuaNative.PushString(_main, name);
        LuaNative.lua_rawget(_main, table);
        return LuaNative.luaL_ref(_main, LuaNative.RegistryIndex);
    }

    private string MemoryLimitMessage(string? detail) =>
        $"memory limit exceeded: {MemoryUsed} bytes in use, limit {MemoryLimit} bytes" + (detail is null ? string.Empty : $" ({detail})");
}
