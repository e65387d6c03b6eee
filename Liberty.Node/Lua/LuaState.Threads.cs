using System.Text;
using KeraLua;

namespace Liberty.Node.Lua;

internal sealed partial class LuaState
{
    private LuaCoroutine? _running;

    /// <summary>The thread currently inside <see cref="LuaCoroutine.Resume"/>, or null.</summary>
    public LuaCoroutine? RunningThread => _running;

    internal LuaResumeResult Resume(LuaCoroutine thread, int argumentCount)
    {
        ObjectDisposedException.ThrowIf(_main == IntPtr.Zero, this);
        if (_running is not null)
        {
            throw new InvalidOperationException("A thread of this state is already running; resume from C# only, never from a callback.");
        }
        _running = thread;
        var mayRefuse = _mayRefuse;
        _mayRefuse = true;
        LuaStatus status;
        int resultCount;
        try
        {
            status = LuaNative.lua_resume(thread.Handle, IntPtr.Zero, argumentCount, out resultCount);
        }
        finally
        {
            _mayRefuse = mayRefuse;
            _running = null;
        }
        return status switch
        {
            LuaStatus.Yield => new LuaResumeResult(LuaResumeStatus.Yielded, resultCount, null, null),
            LuaStatus.OK => new LuaResumeResult(LuaResumeStatus.Finished, resultCount, null, null),
            _ => Failure(thread.Handle, status),
        };
    }

    internal LuaStatus CloseThread(LuaCoroutine thread, out string? error)
    {
        error = null;
        if (_main == IntPtr.Zero)
        {
            return LuaStatus.OK;
        }
        var mayRefuse = _mayRefuse;
        _mayRefuse = true;
        LuaStatus status;
        try
        {
            // Runs pending to-be-closed variables (protected; the kill hook stays installed on the thread).
            status = LuaNative.lua_closethread(thread.Handle, IntPtr.Zero);
        }
        finally
        {
            _mayRefuse = mayRefuse;
        }
        if (status != LuaStatus.OK)
        {
            error = IsKillSentinel(thread.Handle) ? "killed while closing" : Describe(thread.Handle);
        }
        LuaNative.lua_settop(thread.Handle, 0);
        _threads.Remove(thread.Handle);
        LuaNative.luaL_unref(_main, LuaNative.RegistryIndex, thread.Reference);
        return status;
    }

    private LuaResumeResult Failure(IntPtr coroutine, LuaStatus status)
    {
        // The error object is on top of the dead coroutine, whose frames are intact until it is closed:
        // take the traceback now.
        var isKill = IsKillSentinel(coroutine);
        var message = isKill ? "task killed while running" : Describe(coroutine);
        LuaNative.luaL_traceback(_main, coroutine, LuaNative.CString(message), 0);
        var traceback = LuaNative.ToString(_main, -1);
        LuaNative.Pop(_main, 1);
        if (_memoryLimitExceeded || status == LuaStatus.ErrMem)
        {
            _memoryLimitExceeded = true;
            return new LuaResumeResult(LuaResumeStatus.MemoryLimit, 0, MemoryLimitMessage(isKill ? null : message), traceback);
        }
        if (isKill || _killRequested)
        {
            return new LuaResumeResult(LuaResumeStatus.Killed, 0, isKill ? message : $"task killed while running ({message})", traceback);
        }
        return new LuaResumeResult(LuaResumeStatus.Errored, 0, message, traceback);
    }

    private bool IsKillSentinel(IntPtr thread)
    {
        RawGetRegistry(thread, _killRef);
        var same = LuaNative.lua_rawequal(thread, -1, -2) != 0;
        LuaNative.Pop(thread, 1);
        return same;
    }

    // Text of the error object on top of `thread` (left in place). Strings and numbers directly; anything
    // else through RT.describe (tostring under pcall, on the main thread, which carries the kill hook).
    private string Describe(IntPtr thread)
    {
        var type = LuaNative.lua_type(thread, -1);
        if (type is LuaType.String or LuaType.Number)
        {
            return LuaNative.ToString(thread, -1) ?? string.Empty;
        }
        if (type == LuaType.Nil)
        {
            return "nil";
        }
        var top = LuaNative.lua_gettop(_main);
        RawGetRegistry(_main, _describeRef);
        LuaNative.lua_pushvalue(thread, -1);
        LuaNative.lua_xmove(thread, _main, 1);
        var text = LuaNative.PCall(_main, 1, 1, 0) == LuaStatus.OK ? LuaNative.ToString(_main, -1) : null;
        LuaNative.lua_settop(_main, top);
        return text ?? $"(error object is a {LuaArgs.TypeName(type)} value)";
    }

    private int InstallRuntime()
    {
        // N: the natives; RT: filled by the prelude chunks with the primitives captured before the sandbox
        // closes; API: what the globals' lazy binder needs.
        LuaNative.lua_createtable(_main, 0, LuaRuntimeNatives.All.Count + 4);
        var natives = LuaNative.lua_gettop(_main);
        for (var i = 0; i < LuaRuntimeNatives.All.Count; i++)
        {
            LuaNative.PushString(_main, LuaRuntimeNatives.All[i].Name);
            PushClosure(_main, i);
            LuaNative.lua_rawset(_main, natives);
        }
        LuaNative.PushString(_main, "hook_count");
        LuaNative.lua_pushinteger(_main, Options.HookInstructionCount);
        LuaNative.lua_rawset(_main, natives);
        LuaNative.PushString(_main, "null");
        LuaNative.lua_pushlightuserdata(_main, IntPtr.Zero);
        LuaNative.lua_rawset(_main, natives);

        LuaNative.lua_createtable(_main, 0, 8);
        var runtime = LuaNative.lua_gettop(_main);

        PushApiDescription();
        var api = LuaNative.lua_gettop(_main);

        foreach (var (name, source) in LuaPrelude.Chunks)
        {
            var bytes = Encoding.UTF8.GetBytes(source);
            var status = LuaNative.luaL_loadbufferx(_main, bytes, (UIntPtr)bytes.Length, LuaNative.CString("=liberty/" + name), LuaNative.CString("t"));
            if (status == LuaStatus.OK)
            {
                LuaNative.lua_pushvalue(_main, natives);
                LuaNative.lua_pushvalue(_main, runtime);
                LuaNative.lua_pushvalue(_main, api);
                status = LuaNative.PCall(_main, 3, 0, 0);
            }
            if (status != LuaStatus.OK)
            {
                throw new InvalidOperationException($"The Lua runtime chunk '{name}' failed: {LuaNative.ToString(_main, -1)}");
            }
        }
        LuaNative.lua_settop(_main, runtime);
        return runtime;
    }

    // API: an empty table kept for the chunks' signature. The binder asks the natives api_index, api_adapter
    // and api_names instead of copying the API's description into every state (it cost an idle task ~30 KB).
    private void PushApiDescription() => LuaNative.lua_createtable(_main, 0, 0);
}
