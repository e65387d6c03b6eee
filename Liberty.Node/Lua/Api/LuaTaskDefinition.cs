namespace Liberty.Node.Lua.Api;

/// <summary>What a <see cref="LuaRun"/> runs.</summary>
/// <param name="Source">The app's Lua source.</param>
/// <param name="ChunkName">The name in messages and tracebacks, e.g. "app.lua".</param>
/// <param name="Function">The entry function.</param>
/// <param name="Arguments">The entry's arguments as plain .NET values (see <see cref="LuaValues"/>).</param>
internal sealed record LuaTaskDefinition(string Source, string ChunkName, string Function, IReadOnlyList<object?> Arguments);
