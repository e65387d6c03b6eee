namespace Liberty.Node.Engine.Io;

/// <summary>What <see cref="TcpHandle"/> reports to the reactive API besides data.</summary>
internal enum TcpNotice
{
    None,
    Connected,
    Data,
    Drained,
    Closed,
    Failed,
}
