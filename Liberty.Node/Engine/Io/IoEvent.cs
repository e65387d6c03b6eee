namespace Liberty.Node.Engine.Io;

/// <summary>
/// An I/O readiness event (Lua: <c>{t = 10, id = fd, v = mask}</c>): the handle is ready for what the
/// thread armed, or it ended.
/// </summary>
/// <param name="Handle">The handle; after a close its id may be reused, so compare handles, not ids.</param>
/// <param name="Value">The ready part of the armed mask (<see cref="IoReadiness"/> bits 1 and 2), or
/// <see cref="IoStatus.Closed"/> / <see cref="IoStatus.Error"/> when the connection closed or failed.</param>
public sealed record IoEvent(IoHandle Handle, int Value) : EngineEvent
{
    /// <summary>The handle's id (the fd Lua sees).</summary>
    public int Id => Handle.Id;
}
