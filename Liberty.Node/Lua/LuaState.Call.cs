using KeraLua;

namespace Liberty.Node.Lua;

internal sealed partial class LuaState
{
    /// <summary>
    /// Calls the function kept in the registry under <paramref name="reference"/> with plain .NET arguments, protected,
    /// on the state's main thread, and returns its first result as a plain value. May be used from inside a C# callback
    /// of this or another state (a synchronous post): the call's errors are caught by its own protected call, so nothing
    /// unwinds through .NET frames. The function cannot yield (a wait inside it is an error).
    /// </summary>
    /// <param name="reference">A registry reference to a function of this state.</param>
    /// <param name="arguments">The arguments (see <c>Api.LuaValues</c>).</param>
    /// <param name="result">The first result as a plain value.</param>
    /// <param name="error">The error message when the call failed (or the task was killed meanwhile).</param>
    /// <returns>True when the function returned.</returns>
    public bool TryCallReference(int reference, IReadOnlyList<object?> arguments, out object? result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        result = null;
        if (_main == IntPtr.Zero)
        {
            error = "the task has ended";
            return false;
        }
        if (ShouldStop)
        {
            error = "the task is being killed";
            return false;
        }
        var l = _main;
        var top = LuaNative.lua_gettop(l);
        if (LuaNative.lua_checkstack(l, arguments.Count + 2) == 0 || RawGetRegistry(l, reference) != LuaType.Function)
        {
            LuaNative.lua_settop(l, top);
            error = "the handler is not a function";
            return false;
        }
        foreach (var argument in arguments)
        {
            if (!Api.LuaValues.TryPush(l, argument))
            {
                LuaNative.lua_pushnil(l);
            }
        }
        var mayRefuse = _mayRefuse;
        _mayRefuse = true;
        LuaStatus status;
        try
        {
            status = LuaNative.PCall(l, arguments.Count, 1, 0);
        }
        finally
        {
            _mayRefuse = mayRefuse;
        }
        if (status == LuaStatus.OK)
        {
            result = Api.LuaValues.ToObject(l, -1);
            LuaNative.lua_settop(l, top);
            error = null;
            return true;
        }
        error = IsKillSentinel(l) ? "task killed while running" : _memoryLimitExceeded ? MemoryLimitMessage(null) : Describe(l);
        LuaNative.lua_settop(l, top);
        return false;
    }
}
