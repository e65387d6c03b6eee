namespace Liberty.Node.Lua;

/// <summary>One C# function of a <see cref="LuaApi"/>.</summary>
/// <param name="Name">The primary global name (e.g. <c>Libre_Wait</c>).</param>
/// <param name="Names">Every global name it is reachable under (primary first, then aliases such as <c>Libertas_Wait</c>).</param>
/// <param name="Callback">The C# body.</param>
/// <param name="Adapter">Lua source of an adapter (see <see cref="LuaApiBuilder.Add"/>), or null for the standard checked wrapper.</param>
internal sealed record LuaApiFunction(string Name, IReadOnlyList<string> Names, LuaCallback Callback, string? Adapter);
