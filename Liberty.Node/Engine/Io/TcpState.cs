namespace Liberty.Node.Engine.Io;

/// <summary>Where a <see cref="TcpHandle"/>'s current connection is.</summary>
public enum TcpState
{
    /// <summary>Never connected (or closed by the app).</summary>
    Idle,

    /// <summary>A connect is under way.</summary>
    Connecting,

    /// <summary>Connected.</summary>
    Connected,

    /// <summary>The peer closed its side (the buffered data can still be read).</summary>
    PeerClosed,

    /// <summary>The connect or the connection failed; <see cref="IoHandle.LastError"/> says why.</summary>
    Failed,
}
