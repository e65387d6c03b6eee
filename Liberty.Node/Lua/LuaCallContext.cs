using KeraLua;

namespace Liberty.Node.Lua;

/// <summary>
/// One call of a C# function from Lua: its arguments (1-based, on the calling thread's stack), the way to
/// push results, and the failure path. Valid only during the call.
/// </summary>
/// <remarks>
/// Every member is safe inside a callback: none raises a Lua error, and Lua allocations made here are
/// never refused (an overrun of the memory limit is enforced at the next Lua-side allocation). Large
/// allocations should be checked first with <see cref="LuaState.TryReserveMemory"/>.
/// </remarks>
internal readonly struct LuaCallContext
{
    /// <summary>The value a callback returns after <see cref="Fail"/>.</summary>
    public const int Failed = -1;

    internal LuaCallContext(LuaState state, IntPtr thread, string functionName)
    {
        State = state;
        Thread = thread;
        FunctionName = functionName;
    }

    /// <summary>The task's Lua state.</summary>
    public LuaState State { get; }

    /// <summary>The calling coroutine (<c>lua_State*</c>); pass it to <see cref="LuaArgs"/>.</summary>
    public IntPtr Thread { get; }

    /// <summary>The name the function was registered under (for messages).</summary>
    public string FunctionName { get; }

    /// <summary>The task thread making the call, or null when it is a coroutine the app created itself.</summary>
    public LuaCoroutine? CallingThread => State.FindThread(Thread);

    /// <summary>Number of arguments passed.</summary>
    public int ArgumentCount => LuaNative.lua_gettop(Thread);

    /// <summary>Type of argument <paramref name="index"/> (<see cref="LuaType.None"/> past the last one).</summary>
    public LuaType TypeOf(int index) => LuaNative.lua_type(Thread, index);

    /// <summary>See <see cref="LuaArgs.TryGetInteger"/>.</summary>
    public bool TryGetInteger(int index, string argumentName, out long value, out string? error, LuaRounding rounding = LuaRounding.Reject) =>
        LuaArgs.TryGetInteger(Thread, index, FunctionName, argumentName, out value, out error, rounding);

    /// <summary>See <see cref="LuaArgs.TryGetOptionalInteger"/>.</summary>
    public bool TryGetOptionalInteger(int index, string argumentName, long defaultValue, out long value, out string? error, LuaRounding rounding = LuaRounding.Reject) =>
        LuaArgs.TryGetOptionalInteger(Thread, index, FunctionName, argumentName, defaultValue, out value, out error, rounding);

    /// <summary>See <see cref="LuaArgs.TryGetNumber"/>.</summary>
    public bool TryGetNumber(int index, string argumentName, out double value, out string? error) =>
        LuaArgs.TryGetNumber(Thread, index, FunctionName, argumentName, out value, out error);

    /// <summary>See <see cref="LuaArgs.TryGetString"/>.</summary>
    public bool TryGetString(int index, string argumentName, out string value, out string? error) =>
        LuaArgs.TryGetString(Thread, index, FunctionName, argumentName, out value, out error);

    /// <summary>Lua truthiness of argument <paramref name="index"/>.</summary>
    public bool GetBoolean(int index) => LuaArgs.ToBoolean(Thread, index);

    /// <summary>Makes room for <paramref name="extra"/> more results than the 20 always available. False when impossible.</summary>
    public bool EnsureStack(int extra) => LuaNative.lua_checkstack(Thread, extra) != 0;

    /// <summary>Pushes nil.</summary>
    public void PushNil() => LuaNative.lua_pushnil(Thread);

    /// <summary>Pushes a boolean.</summary>
    public void PushBoolean(bool value) => LuaNative.lua_pushboolean(Thread, value ? 1 : 0);

    /// <summary>Pushes an integer.</summary>
    public void PushInteger(long value) => LuaNative.lua_pushinteger(Thread, value);

    /// <summary>Pushes a float.</summary>
    public void PushNumber(double value) => LuaNative.lua_pushnumber(Thread, value);

    /// <summary>Pushes a string (UTF-8).</summary>
    public void PushString(string value) => LuaNative.PushString(Thread, value);

    /// <summary>Pushes raw bytes as a Lua string.</summary>
    public void PushBytes(ReadOnlySpan<byte> value) => LuaNative.PushBytes(Thread, value);

    /// <summary>
    /// Ends the call in failure: the Lua wrapper raises <paramref name="message"/> at the caller's line
    /// (<c>error(message, 2)</c>). Use as <c>return context.Fail(...)</c>.
    /// </summary>
    /// <returns><see cref="Failed"/>.</returns>
    public int Fail(string message)
    {
        LuaNative.PushString(Thread, message);
        return Failed;
    }
}
