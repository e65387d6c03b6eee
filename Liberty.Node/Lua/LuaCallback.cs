namespace Liberty.Node.Lua;

/// <summary>
/// A C# function callable from Lua (registered with <see cref="LuaApiBuilder"/>). It reads its arguments
/// through <paramref name="context"/>, pushes its results and returns how many it pushed, or returns
/// <see cref="LuaCallContext.Fail"/>'s value to make the Lua wrapper raise <c>error(message, 2)</c>.
/// It must never call Lua functions that raise and never yield: README.md, "The status-return rule".
/// </summary>
/// <param name="context">The call: arguments, result pushing, the calling task state and thread.</param>
/// <returns>The number of results pushed (0 or more), or <see cref="LuaCallContext.Failed"/>.</returns>
internal delegate int LuaCallback(LuaCallContext context);
