using Liberty.Node.Engine.Io;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// The network cases of <see cref="LuaReactiveRouting"/>: an <see cref="IoEvent"/> of a reactive socket
/// becomes one callback (order: ready → data → drain → closed / error; HTTP: response), and the socket is
/// re-armed at once, so whatever else is pending comes as the next event (level-triggered).
/// </summary>
/// <remarks><b>Thread:</b> inside <c>Libre_WaitReactive</c> on the cooperative thread; never raises.</remarks>
internal static class LuaNetRouting
{
    /// <summary>The callback key for <paramref name="e"/>; false when it is stale or nothing is pending.</summary>
    public static bool TryRoute(IoEvent e, LuaThread thread, out object? key)
    {
        key = null;
        if (e.Handle.IsClosed || e.Handle.Tag is not LuaNetSocket socket || !ReferenceEquals(socket.Thread, thread))
        {
            return false;
        }
        var taken = socket.Take();
        socket.Rearm();
        if (taken is not { } kind)
        {
            return false;
        }
        key = new LuaNetKey(e.Handle, kind);
        return true;
    }

    /// <summary>Pushes <c>fd</c> and the event's values after the tag.</summary>
    /// <returns>How many were pushed.</returns>
    public static int PushArguments(LuaNetKey key, in LuaCallContext ctx)
    {
        if (!ctx.EnsureStack(4))
        {
            return 0;
        }
        ctx.PushInteger(key.Handle.Id);
        var socket = key.Handle.Tag as LuaNetSocket;
        switch (key.Event)
        {
            case LuaNetEvent.Data:
                ctx.PushBytes(socket?.PendingData ?? []);
                if (socket?.PendingFrom is { } from)
                {
                    ctx.PushString(from.ToString());
                    return 3;
                }
                return 2;
            case LuaNetEvent.Error:
                ctx.PushString(socket?.PendingError ?? "error");
                return 2;
            case LuaNetEvent.HttpResponse:
                LuaIoArgs.PushResponse(ctx, socket?.PendingResponse, socket?.PendingError);
                return 2;
            default:
                return 1;
        }
    }

}
