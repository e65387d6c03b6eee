namespace Liberty.Node.Engine;

/// <summary>Outcome of a synchronous post (E3).</summary>
public enum PostSyncStatus
{
    /// <summary>The receiver's handler ran; its result is in <see cref="PostSyncResult.Value"/>.</summary>
    Ok,

    /// <summary>Refused: the receiver is the caller or is already on the current call chain.</summary>
    Recursive,

    /// <summary>Refused: the receiver set no synchronous handler.</summary>
    NoHandler,

    /// <summary>Refused: the receiver has ended.</summary>
    Ended,

    /// <summary>
    /// Refused: the receiver belongs to another task. A task's code never runs on another task's slice (its
    /// loop would be blamed on, and kill, the sender; its Lua state could be freed under it); post instead.
    /// </summary>
    OtherTask,
}
