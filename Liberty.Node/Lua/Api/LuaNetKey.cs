using Liberty.Node.Engine.Io;

namespace Liberty.Node.Lua.Api;

/// <summary>The key of a reactive socket callback in <see cref="LuaThread"/>'s registry (value equality).</summary>
/// <param name="Handle">The socket.</param>
/// <param name="Event">Which callback.</param>
internal readonly record struct LuaNetKey(IoHandle Handle, LuaNetEvent Event);
