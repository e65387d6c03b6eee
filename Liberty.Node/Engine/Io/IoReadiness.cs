namespace Liberty.Node.Engine.Io;

/// <summary>
/// What an I/O handle is ready for, as a mask (the numbers are the ones Lua apps use with
/// <c>Libre_SetWaitIo</c>: 1 readable, 2 writable, 3 both).
/// </summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Readiness is the domain word (POSIX poll), not a collection suffix.")]
public enum IoReadiness
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>A read would not report "would block": data, a datagram or an HTTP response is there, or the end (closed, error) is.</summary>
    Readable = 1,

    /// <summary>A write would not report "would block": the connection is up and the send buffer has room, or the end is there.</summary>
    Writable = 2,

    /// <summary>The connection is closed (by the peer or locally). Reported only when asked for.</summary>
    Closed = 4,

    /// <summary>The handle failed (connect refused, timed out, not allowed, socket error). Reported only when asked for.</summary>
    Error = 8,
}
