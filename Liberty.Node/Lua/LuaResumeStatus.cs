namespace Liberty.Node.Lua;

/// <summary>How one slice of a Lua thread ended (<see cref="LuaCoroutine.Resume"/>).</summary>
internal enum LuaResumeStatus
{
    /// <summary>The thread yielded; the yielded values are readable on the thread until the next resume.</summary>
    Yielded,

    /// <summary>The thread's function returned; its return values are readable on the thread. The thread is dead.</summary>
    Finished,

    /// <summary>An uncaught Lua error; message and traceback are set. The thread is dead (not yet closed).</summary>
    Errored,

    /// <summary>The kill switch fired (<see cref="LuaState.RequestKill"/>). The thread is dead.</summary>
    Killed,

    /// <summary>The task's memory limit was exceeded. The thread is dead.</summary>
    MemoryLimit,
}
