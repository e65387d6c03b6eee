namespace Liberty.Node.Lua;

/// <summary>The outcome of <see cref="LuaState.LoadApp"/>.</summary>
/// <param name="Success">True when the chunk compiled and its top level ran to the end.</param>
/// <param name="Status">How the top level ended; <see cref="LuaResumeStatus.Errored"/> for syntax errors too.</param>
/// <param name="Message">Null on success; otherwise what went wrong, with "chunk:line:" for syntax and runtime errors.</param>
/// <param name="Traceback">The traceback of a runtime error in the top level; null otherwise.</param>
internal readonly record struct LuaLoadResult(bool Success, LuaResumeStatus Status, string? Message, string? Traceback);
