namespace Liberty.Node.Lua;

/// <summary>The outcome of <see cref="LuaCoroutine.Resume"/> (or of running an app's top level).</summary>
/// <param name="Status">How the slice ended.</param>
/// <param name="ValueCount">Yielded or returned values, readable with the thread's <c>GetValue*</c> members (0 otherwise).</param>
/// <param name="Message">The error message for <see cref="LuaResumeStatus.Errored"/>, <see cref="LuaResumeStatus.Killed"/> and <see cref="LuaResumeStatus.MemoryLimit"/>; null otherwise.</param>
/// <param name="Traceback">The Lua traceback ("stack traceback: ...") of an error, taken before the thread was unwound; null when none.</param>
internal readonly record struct LuaResumeResult(LuaResumeStatus Status, int ValueCount, string? Message, string? Traceback)
{
    /// <summary>True when the thread can be resumed again.</summary>
    public bool IsYielded => Status == LuaResumeStatus.Yielded;

    /// <summary>True when the thread ended in a way that puts the task in Error.</summary>
    public bool IsFailure => Status is LuaResumeStatus.Errored or LuaResumeStatus.Killed or LuaResumeStatus.MemoryLimit;
}
