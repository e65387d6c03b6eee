using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// The virtual device API (docs/app-api.md sections 4 and 6): a task drives the virtual devices it owns
/// (<see cref="DeviceEntry.OwnerTask"/>) — emits their commands (<c>...Set</c>), reports their attributes
/// (<c>...Report</c>) — and one of its threads watches each for the commands and writes addressed to it
/// (<c>Libre_SetWaitVirtualDevice</c>, <c>Libre_SetOnVirtualDevice</c>). Another task's virtual device, or a real
/// device, is refused with a Lua error.
/// </summary>
/// <remarks><b>Thread:</b> callbacks run on the cooperative thread and only post messages.</remarks>
internal static class LuaVirtualDeviceApi
{
    /// <summary>Adds the functions.</summary>
    public static LuaApiBuilder AddVirtualDeviceApi(this LuaApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add("Libre_SetWaitVirtualDevice", SetWait)
            .Add("Libre_ClearWaitVirtualDevice", ClearWait)
            .Add("Libre_SetOnVirtualDevice", SetOn)
            .Add("Libre_VirtualDeviceOnOffSet", OnOffSet)
            .Add("Libre_VirtualDeviceOnOffReport", OnOffReport)
            .Add("Libre_VirtualDeviceLevelSet", LevelSet)
            .Add("Libre_VirtualDeviceLevelReport", LevelReport)
            .Add("Libre_VirtualDeviceLevelConfigExtra", LevelConfigExtra)
            .Add("Libre_VirtualDeviceStatusDeviceDown", StatusDeviceDown)
            .Add("Libre_VirtualDeviceSetAttributes", SetAttributes)
            .Alias("Libertas_VirtualDeviceUpdate", "Libre_VirtualDeviceSetAttributes")
            .Add("Libertas_VirtualDeviceCommand", Command);
    }

    /// <summary>Reads the calling thread and argument 1 as a virtual device of the calling task.</summary>
    private static bool TryBegin(in LuaCallContext ctx, out LuaThread thread, out DeviceEntry entry, out string? error)
    {
        entry = null!;
        if (!LuaDeviceAccess.TryBegin(ctx, "vdev", out thread, out var id, out error))
        {
            return false;
        }
        if (!LuaDeviceAccess.TryFind(thread.Task, id, out entry) || !entry.IsVirtual || entry.OwnerTask != thread.Task.Id)
        {
            error = $"{ctx.FunctionName}: argument 1 (vdev): {id} is not a virtual device of this task";
            return false;
        }
        return true;
    }

    private static int SetWait(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out var thread, out var entry, out var error))
        {
            return ctx.Fail(error!);
        }
        if (LuaDeviceTaskState.Of(thread.Task).TryWatch(thread, entry) is { } other)
        {
            return ctx.Fail($"{ctx.FunctionName}: virtual device {entry.Info.Id.Value} is already watched by thread {other}; only one thread may watch it");
        }
        return 0;
    }

    private static int ClearWait(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out var thread, out var entry, out var error))
        {
            return ctx.Fail(error!);
        }
        if (!thread.HasCallback(new LuaDeviceKey(entry.Info.Id.Value, Virtual: true)))
        {
            LuaDeviceTaskState.Of(thread.Task).Unwatch(thread, entry);
        }
        return 0;
    }

    private static int SetOn(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out var thread, out var entry, out var error))
        {
            return ctx.Fail(error!);
        }
        var key = new LuaDeviceKey(entry.Info.Id.Value, Virtual: true);
        var state = LuaDeviceTaskState.Of(thread.Task);
        if (ctx.TypeOf(2) is KeraLua.LuaType.Nil or KeraLua.LuaType.None)
        {
            thread.ClearCallback(key);
            state.Unwatch(thread, entry);
            return 0;
        }
        if (ctx.TypeOf(2) != KeraLua.LuaType.Function)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (cb) must be a function, got {LuaArgs.TypeName(ctx.TypeOf(2))}");
        }
        if (state.TryWatch(thread, entry) is { } other)
        {
            return ctx.Fail($"{ctx.FunctionName}: virtual device {entry.Info.Id.Value} is already watched by thread {other}; only one thread may watch it");
        }
        thread.SetCallback(key, ctx, 2, 3);
        return 0;
    }

    private static int OnOffSet(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out _, out var entry, out var error)
            || !LuaDeviceAccess.TryGetSource(ctx, 3, EventSource.AppEngine, out var source, out error))
        {
            return ctx.Fail(error!);
        }
        Emit(entry, ClusterIds.OnOff, ctx.GetBoolean(2) ? CommandIds.OnOff.On : CommandIds.OnOff.Off, [], source);
        return 0;
    }

    private static int OnOffReport(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out _, out var entry, out var error)
            || !LuaDeviceAccess.TryGetSource(ctx, 3, EventSource.AppEngine, out var source, out error))
        {
            return ctx.Fail(error!);
        }
        Report(entry, ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [AttributeIds.OnOff.State] = ctx.GetBoolean(2) }, source);
        return 0;
    }

    private static int LevelSet(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out _, out var entry, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "level", 0, 255, out var level, out error, LuaRounding.Nearest)
            || !LuaDeviceAccess.TryGetSource(ctx, 3, EventSource.AppEngine, out var source, out error))
        {
            return ctx.Fail(error!);
        }
        long transition = 0;
        if (ctx.TypeOf(4) is not (KeraLua.LuaType.None or KeraLua.LuaType.Nil)
            && !LuaDeviceAccess.TryGetRange(ctx, 4, "transition", 0, 0xFFFF, out transition, out error, LuaRounding.Nearest))
        {
            return ctx.Fail(error!);
        }
        Emit(entry, ClusterIds.Level, CommandIds.Level.MoveToLevel, [level, transition], source);
        return 0;
    }

    private static int LevelReport(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out _, out var entry, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "level", 0, 255, out var level, out error, LuaRounding.Nearest)
            || !LuaDeviceAccess.TryGetSource(ctx, 3, EventSource.AppEngine, out var source, out error))
        {
            return ctx.Fail(error!);
        }
        Report(entry, ClusterIds.Level, new Dictionary<int, AttributeValue> { [AttributeIds.Level.CurrentLevel] = level }, source);
        if (entry.Info.SupportsCluster(ClusterIds.OnOff))
        {
            // On = level > 0 (Liberty's rule): keep the On/Off attribute consistent with the level.
            Report(entry, ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [AttributeIds.OnOff.State] = level > 0 }, source);
        }
        return 0;
    }

    private static int LevelConfigExtra(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out _, out var entry, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "min", 0, 255, out var min, out error)
            || !LuaDeviceAccess.TryGetRange(ctx, 3, "max", 0, 255, out var max, out error)
            || !LuaDeviceAccess.TryGetRange(ctx, 5, "stepSingle", 1, 255, out var stepSingle, out error)
            || !LuaDeviceAccess.TryGetRange(ctx, 6, "stepRepeat", 1, 255, out var stepRepeat, out error))
        {
            return ctx.Fail(error!);
        }
        if (min > max)
        {
            return ctx.Fail($"{ctx.FunctionName}: min {min} is above max {max}");
        }
        var attributes = new Dictionary<int, AttributeValue>
        {
            [AttributeIds.LevelConfig.Min] = min,
            [AttributeIds.LevelConfig.Max] = max,
            [AttributeIds.LevelConfig.StepOnly] = ctx.GetBoolean(4),
            [AttributeIds.LevelConfig.StepSingle] = stepSingle,
            [AttributeIds.LevelConfig.StepRepeat] = stepRepeat,
        };
        if (ctx.TypeOf(7) is not (KeraLua.LuaType.None or KeraLua.LuaType.Nil))
        {
            if (!LuaDeviceAccess.TryGetRange(ctx, 7, "stepIntervalMs", 1, 0xFFFF, out var interval, out error))
            {
                return ctx.Fail(error!);
            }
            attributes[AttributeIds.LevelConfig.StepIntervalMs] = interval;
        }
        Report(entry, ClusterIds.LevelConfig, attributes, EventSource.AppEngine);
        return 0;
    }

    private static int StatusDeviceDown(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out _, out var entry, out var error))
        {
            return ctx.Fail(error!);
        }
        entry.Actor.Tell(VirtualDeviceDown.Instance, ActorRefs.NoSender);
        return 0;
    }

    private static int SetAttributes(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out _, out var entry, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "cluster", 0, 0xFFFF, out var cluster, out error)
            || !LuaDeviceValues.TryReadAttributes(ctx, 3, "attrs", out var attributes, out error)
            || !LuaDeviceAccess.TryGetSource(ctx, 4, EventSource.AppEngine, out var source, out error))
        {
            return ctx.Fail(error!);
        }
        Report(entry, (int)cluster, attributes, source);
        return 0;
    }

    private static int Command(LuaCallContext ctx)
    {
        if (!TryBegin(ctx, out _, out var entry, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "cluster", 0, 0xFFFF, out var cluster, out error)
            || !LuaDeviceAccess.TryGetRange(ctx, 3, "cmd", 0, 0xFF, out var command, out error)
            || !LuaDeviceAccess.TryGetSource(ctx, 4, EventSource.AppEngine, out var source, out error)
            || !LuaDeviceValues.TryReadArguments(ctx, 5, "args", out var arguments, out error))
        {
            return ctx.Fail(error!);
        }
        Emit(entry, (int)cluster, (int)command, arguments, source);
        return 0;
    }

    private static void Emit(DeviceEntry entry, int cluster, int command, IReadOnlyList<AttributeValue> arguments, EventSource source) =>
        entry.Actor.Tell(new VirtualDeviceEmitCommand(cluster, command, arguments, source), ActorRefs.NoSender);

    private static void Report(DeviceEntry entry, int cluster, IReadOnlyDictionary<int, AttributeValue> attributes, EventSource source) =>
        entry.Actor.Tell(new VirtualDeviceReport(cluster, attributes, source), ActorRefs.NoSender);
}
