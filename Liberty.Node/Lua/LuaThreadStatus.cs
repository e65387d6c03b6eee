namespace Liberty.Node.Lua;

/// <summary>Life of a <see cref="LuaCoroutine"/>.</summary>
internal enum LuaThreadStatus
{
    /// <summary>Created; the first resume calls its function with the pushed arguments.</summary>
    NotStarted,

    /// <summary>Inside <see cref="LuaCoroutine.Resume"/>.</summary>
    Running,

    /// <summary>Yielded; can be resumed.</summary>
    Suspended,

    /// <summary>Returned, failed or was killed; its last values or error remain until it is closed.</summary>
    Dead,

    /// <summary>Closed: its to-be-closed variables ran and it left the state.</summary>
    Closed,
}
