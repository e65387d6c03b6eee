namespace Liberty.Node.Lua;

/// <summary>A Lua function anchored in its state's registry (an app entry point). Valid until the state is disposed.</summary>
/// <param name="Name">The entry name it was found under.</param>
/// <param name="Reference">The registry reference (<c>luaL_ref</c>).</param>
internal readonly record struct LuaFunctionRef(string Name, int Reference);
