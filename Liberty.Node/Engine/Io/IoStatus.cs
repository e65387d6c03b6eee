namespace Liberty.Node.Engine.Io;

/// <summary>The non-positive results of the handles' read and write methods (positive results are byte counts).</summary>
public static class IoStatus
{
    /// <summary>Nothing could be read or written now: wait for readiness.</summary>
    public const int WouldBlock = 0;

    /// <summary>The connection is closed (or was never opened): reconnect.</summary>
    public const int Closed = -1;

    /// <summary>The handle failed; <see cref="IoHandle.LastError"/> says why.</summary>
    public const int Error = -2;
}
