using Liberty.Node.Engine;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// Where <c>Libre_WaitReactive</c> sends each event it takes from the thread's queue: one switch from the
/// event to the key of a registered callback (<see cref="LuaThread.SetCallback"/>) and one that pushes the
/// callback's extra arguments after the tag (<c>cb(tag, ...)</c>). Each API area adds its cases: timers here,
/// devices (<c>DeviceEvent</c>), network (sockets).
/// </summary>
/// <remarks><b>Thread:</b> inside API callbacks on the cooperative thread; never raises.</remarks>
internal static class LuaReactiveRouting
{
    /// <summary>Finds the callback key of <paramref name="e"/>.</summary>
    /// <returns>False when the event has no callback (it is dropped and counted).</returns>
    public static bool TryRoute(object e, LuaThread thread, out object? key)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e)
        {
            case TimerEvent timerEvent when LuaTimers.Find(thread, timerEvent.Timer) is { } timer:
                key = timer;
                return true;
            case Liberty.Devices.Model.DeviceEvent deviceEvent:
                return LuaDeviceRouting.TryRoute(deviceEvent, thread, out key);
            case Engine.Io.IoEvent io:
                return LuaNetRouting.TryRoute(io, thread, out key);
            default:
                key = null;
                return false;
        }
    }

    /// <summary>Pushes the arguments that follow the tag for <paramref name="e"/>.</summary>
    /// <returns>How many were pushed.</returns>
    public static int PushArguments(object e, object key, in LuaCallContext ctx)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (key)
        {
            case LuaTimer timer:
                if (!ctx.EnsureStack(1))
                {
                    return 0;
                }
                ctx.PushInteger(timer.Id);
                return 1;
            case LuaDeviceKey when e is Liberty.Devices.Model.DeviceEvent deviceEvent:
                return LuaDeviceValues.TryPushEvent(deviceEvent, ctx.Thread) ? 1 : 0;
            case LuaNetKey net:
                return LuaNetRouting.PushArguments(net, ctx);
            default:
                return 0;
        }
    }
}
