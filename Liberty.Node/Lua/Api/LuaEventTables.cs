using Liberty.Node.Engine;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// The event tables <c>Libre_GetEvent()</c> returns: one switch on the event object's type. Each API area
/// adds its case (devices: <c>DeviceEvent</c>, t 0/1/2; I/O readiness, t 10). Numbers of the engine's events:
/// 20 posted (<c>ev</c>, <c>data</c>, <c>from</c>), 21 exit of a watched thread or task, 22 poll, 23 timer.
/// </summary>
/// <remarks><b>Thread:</b> inside API callbacks on the cooperative thread; never raises (raw sets only).</remarks>
internal static class LuaEventTables
{
    /// <summary>t of an I/O readiness event: <c>id</c> the fd, <c>v</c> the ready mask, negative when closed (-1) or failed (-2).</summary>
    public const int Io = 10;

    /// <summary>t of a posted (or broadcast, or sync-posted) event.</summary>
    public const int Posted = 20;

    /// <summary>t of the exit of a watched thread or task.</summary>
    public const int Exited = 21;

    /// <summary>t of a poll.</summary>
    public const int Poll = 22;

    /// <summary>t of a timer expiry seen by an imperative thread.</summary>
    public const int Timer = 23;

    /// <summary>Pushes the table for <paramref name="e"/> onto the caller's stack.</summary>
    /// <returns>False (nothing pushed) when the event has no table for Lua (it is skipped).</returns>
    public static bool TryPush(object e, in LuaCallContext ctx, LuaThread thread)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!ctx.EnsureStack(4))
        {
            return false;
        }
        var l = ctx.Thread;
        switch (e)
        {
            case PostedEvent posted:
                LuaNative.lua_createtable(l, 0, 4);
                SetInteger(l, "t", Posted);
                SetInteger(l, "ev", posted.Number);
                LuaNative.PushString(l, "data");
                if (!LuaValues.TryPush(l, posted.Data))
                {
                    LuaNative.lua_pushnil(l);
                }
                LuaNative.lua_rawset(l, -3);
                if (posted.From is { } from)
                {
                    SetInteger(l, "from", from.Id);
                }
                return true;
            case ThreadExitedEvent threadExited:
                LuaNative.lua_createtable(l, 0, 4);
                SetInteger(l, "t", Exited);
                SetInteger(l, "thread", threadExited.Thread.Id);
                SetString(l, "outcome", threadExited.Outcome.ToString());
                if (threadExited.Reason is { } threadReason)
                {
                    SetString(l, "reason", threadReason);
                }
                return true;
            case TaskExitedEvent taskExited:
                LuaNative.lua_createtable(l, 0, 4);
                SetInteger(l, "t", Exited);
                SetInteger(l, "task", taskExited.Task.Tag is LuaRun luaTask ? luaTask.Id : taskExited.Task.Id);
                SetString(l, "state", taskExited.State.ToString());
                if (taskExited.Reason is { } taskReason)
                {
                    SetString(l, "reason", taskReason);
                }
                return true;
            case Liberty.Devices.Model.DeviceEvent deviceEvent:
                return LuaDeviceValues.TryPushEvent(deviceEvent, l);
            case PollEvent:
                LuaNative.lua_createtable(l, 0, 1);
                SetInteger(l, "t", Poll);
                return true;
            case TimerEvent timerEvent:
                LuaNative.lua_createtable(l, 0, 2);
                SetInteger(l, "t", Timer);
                SetInteger(l, "id", LuaTimers.IdOf(thread, timerEvent.Timer));
                return true;
            case Engine.Io.IoEvent io:
                LuaNative.lua_createtable(l, 0, 3);
                SetInteger(l, "t", Io);
                SetInteger(l, "id", io.Id);
                SetInteger(l, "v", io.Value);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Sets <c>t[name] = value</c> on the table on top.</summary>
    public static void SetInteger(IntPtr l, string name, long value)
    {
        if (LuaFieldNames.TryGet(name, out var key))
        {
            LuaNative.lua_pushinteger(l, value);
            LuaNative.lua_setfield(l, -2, key);
            return;
        }
        LuaNative.PushString(l, name);
        LuaNative.lua_pushinteger(l, value);
        LuaNative.lua_rawset(l, -3);
    }

    /// <summary>Sets <c>t[name] = value</c> on the table on top.</summary>
    public static void SetString(IntPtr l, string name, string value)
    {
        if (LuaFieldNames.TryGet(name, out var key))
        {
            LuaNative.PushString(l, value);
            LuaNative.lua_setfield(l, -2, key);
            return;
        }
        LuaNative.PushString(l, name);
        LuaNative.PushString(l, value);
        LuaNative.lua_rawset(l, -3);
    }

    /// <summary>Sets <c>t[name] = value</c> on the table on top.</summary>
    public static void SetBoolean(IntPtr l, string name, bool value)
    {
        if (LuaFieldNames.TryGet(name, out var key))
        {
            LuaNative.lua_pushboolean(l, value ? 1 : 0);
            LuaNative.lua_setfield(l, -2, key);
            return;
        }
        LuaNative.PushString(l, name);
        LuaNative.lua_pushboolean(l, value ? 1 : 0);
        LuaNative.lua_rawset(l, -3);
    }
}
