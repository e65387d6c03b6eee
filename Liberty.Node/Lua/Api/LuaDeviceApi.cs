using Liberty.Devices.Model;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// The device API for Lua apps (docs/app-api.md sections 4, 5 and 7): subscriptions (<c>Libre_SetWaitDevice</c>,
/// <c>Libre_ClearWaitDevice</c>, <c>Libre_SetOnDevice</c>), reads from the directory's cache (never block), commands to
/// device actors (a failure comes back as an <c>ok=false</c> event), and <c>Libre_ActionTrigger</c>.
/// Contracts are in this folder's README ("Devices").
/// </summary>
/// <remarks><b>Thread:</b> callbacks run on the cooperative thread and only post messages.</remarks>
internal static partial class LuaDeviceApi
{
    /// <summary>Adds the functions.</summary>
    public static LuaApiBuilder AddDeviceApi(this LuaApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add("Libre_SetWaitDevice", SetWaitDevice)
            .Add("Libre_ClearWaitDevice", ClearWaitDevice)
            .Add("Libre_SetOnDevice", SetOnDevice)
            .Add("Libre_DeviceOnOffGet", OnOffGet)
            .Add("Libre_DeviceLevelGet", LevelGet)
            .Add("Libre_DeviceSupportsCluster", SupportsCluster)
            .Add("Libre_DeviceOnOffSet", OnOffSet)
            .Add("Libre_DeviceLevelSet", LevelSet)
            .Add("Libre_DeviceLevelMove", LevelMove)
            .Add("Libre_DeviceLevelStop", LevelStop)
            .Add("Libre_DeviceLevelStep", LevelStep)
            .Add("Libre_DeviceOnWithTimedOff", OnWithTimedOff)
            .Add("Libre_DeviceThermostatSet", ThermostatSet)
            .Add("Libre_MultistateSet", MultistateSet)
            .Add("Libre_DeviceCommand", Command)
            .Add("Libre_DeviceSetAttributes", SetAttributes)
            .Add("Libre_ActionTrigger", ActionTrigger);
    }

    private static int SetWaitDevice(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error))
        {
            return ctx.Fail(error!);
        }
        LuaDeviceTaskState.Of(thread.Task).Subscribe(thread, device);
        return 0;
    }

    private static int ClearWaitDevice(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error))
        {
            return ctx.Fail(error!);
        }
        var key = new LuaDeviceKey(device, Virtual: false);
        // A reactive subscription of the same device keeps the bus subscription.
        if (!thread.HasCallback(key))
        {
            LuaDeviceTaskState.Of(thread.Task).Unsubscribe(thread, device);
        }
        return 0;
    }

    private static int SetOnDevice(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error))
        {
            return ctx.Fail(error!);
        }
        var key = new LuaDeviceKey(device, Virtual: false);
        if (ctx.TypeOf(2) is KeraLua.LuaType.Nil or KeraLua.LuaType.None)
        {
            thread.ClearCallback(key);
            LuaDeviceTaskState.Of(thread.Task).Unsubscribe(thread, device);
            return 0;
        }
        if (!thread.SetCallback(key, ctx, 2, 3))
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (cb) must be a function, got {LuaArgs.TypeName(ctx.TypeOf(2))}");
        }
        LuaDeviceTaskState.Of(thread.Task).Subscribe(thread, device);
        return 0;
    }

    // Reads: any Lua code may call them (no thread needed); unknown devices read as unknown.
    private static int OnOffGet(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryGetDevice(ctx, 1, "dev", out var device, out var error))
        {
            return ctx.Fail(error!);
        }
        if (LuaDeviceAccess.TryFind(LuaRun.Of(ctx), device, out var entry) && entry.Snapshot.TryGetOnOff(out var on))
        {
            ctx.PushBoolean(on);
            ctx.PushBoolean(true);
        }
        else
        {
            ctx.PushNil();
            ctx.PushBoolean(false);
        }
        return 2;
    }

    private static int LevelGet(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryGetDevice(ctx, 1, "dev", out var device, out var error))
        {
            return ctx.Fail(error!);
        }
        if (LuaDeviceAccess.TryFind(LuaRun.Of(ctx), device, out var entry) && entry.Snapshot.TryGetLevel(out var level))
        {
            ctx.PushInteger(level);
            ctx.PushBoolean(true);
        }
        else
        {
            ctx.PushNil();
            ctx.PushBoolean(false);
        }
        return 2;
    }

    private static int SupportsCluster(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryGetDevice(ctx, 1, "dev", out var device, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "cluster", 0, 0xFFFF, out var cluster, out error))
        {
            return ctx.Fail(error!);
        }
        ctx.PushBoolean(LuaDeviceAccess.TryFind(LuaRun.Of(ctx), device, out var entry) && entry.Info.SupportsCluster((int)cluster));
        return 1;
    }

    private static int ActionTrigger(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!ctx.TryGetInteger(1, "action", out var id, out var error)
            || !LuaDeviceAccess.TryGetSource(ctx, 2, EventSource.AppEngine, out var source, out error))
        {
            return ctx.Fail(error!);
        }
        var services = thread.Task.Services;
        if (!services.DeviceActions.TryGet(id, out var action))
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 1 (action): no action {id}");
        }
        if (services.Devices is { } directory)
        {
            services.DeviceActions.Trigger(action, source, directory, thread.Engine.ActorRef);
        }
        return 0;
    }
}
