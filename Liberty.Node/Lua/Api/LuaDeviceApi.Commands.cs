using Liberty.Devices.Model;

namespace Liberty.Node.Lua.Api;

/// <summary>The command functions of <see cref="LuaDeviceApi"/> (docs/app-api.md section 5). Every command carries source 5 (app engine).</summary>
internal static partial class LuaDeviceApi
{
    private const EventSource AppSource = EventSource.AppEngine;

    // Preference when a device has several multistate clusters: the writable ones first.
    private static readonly int[] MultistateClusters = [ClusterIds.MultistateValue, ClusterIds.MultistateOutput, ClusterIds.MultistateInput];

    private static int OnOffSet(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error))
        {
            return ctx.Fail(error!);
        }
        var on = ctx.GetBoolean(2);
        // A level-only device (no On/Off cluster) is switched with MoveToLevelWithOnOff: on = 255, off = 0.
        var levelOnly = LuaDeviceAccess.TryFind(thread.Task, device, out var entry)
            && !entry.Info.SupportsCluster(ClusterIds.OnOff) && entry.Info.SupportsCluster(ClusterIds.Level);
        var command = levelOnly
            ? new DeviceCommand(ClusterIds.Level, CommandIds.Level.MoveToLevelWithOnOff, [on ? 255L : 0L, 0L], AppSource)
            : new DeviceCommand(ClusterIds.OnOff, on ? CommandIds.OnOff.On : CommandIds.OnOff.Off, [], AppSource);
        LuaDeviceAccess.Send(thread, device, command);
        return 0;
    }

    private static int LevelSet(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "level", 0, 255, out var level, out error, LuaRounding.Nearest)
            || !TryGetTenths(ctx, 3, "transition", out var transition, out error))
        {
            return ctx.Fail(error!);
        }
        LuaDeviceAccess.Send(thread, device, new DeviceCommand(ClusterIds.Level, CommandIds.Level.MoveToLevel, [level, transition], AppSource));
        return 0;
    }

    private static int LevelMove(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "mode", 0, 1, out var mode, out error)
            || !LuaDeviceAccess.TryGetRange(ctx, 3, "rate", 0, 255, out var rate, out error, LuaRounding.Nearest))
        {
            return ctx.Fail(error!);
        }
        LuaDeviceAccess.Send(thread, device, new DeviceCommand(ClusterIds.Level, CommandIds.Level.Move, [mode, rate], AppSource));
        return 0;
    }

    private static int LevelStop(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error))
        {
            return ctx.Fail(error!);
        }
        LuaDeviceAccess.Send(thread, device, new DeviceCommand(ClusterIds.Level, CommandIds.Level.Stop, [], AppSource));
        return 0;
    }

    private static int LevelStep(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "mode", 0, 1, out var mode, out error)
            || !LuaDeviceAccess.TryGetRange(ctx, 3, "size", 0, 255, out var size, out error, LuaRounding.Nearest)
            || !TryGetTenths(ctx, 4, "transition", out var transition, out error))
        {
            return ctx.Fail(error!);
        }
        LuaDeviceAccess.Send(thread, device, new DeviceCommand(ClusterIds.Level, CommandIds.Level.Step, [mode, size, transition], AppSource));
        return 0;
    }

    private static int OnWithTimedOff(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "onTime", 0, 0xFFFF, out var onTime, out error, LuaRounding.Nearest)
            || !LuaDeviceAccess.TryGetRange(ctx, 3, "offWait", 0, 0xFFFF, out var offWait, out error, LuaRounding.Nearest))
        {
            return ctx.Fail(error!);
        }
        LuaDeviceAccess.Send(thread, device, new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.OnWithTimedOff, [onTime, offWait], AppSource));
        return 0;
    }

    private static int ThermostatSet(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error)
            || !LuaDeviceValues.TryReadAttributes(ctx, 2, "attrs", out var attributes, out error))
        {
            return ctx.Fail(error!);
        }
        LuaDeviceAccess.Write(thread, device, new AttributeWrite(ClusterIds.Thermostat, attributes, AppSource));
        return 0;
    }

    private static int MultistateSet(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "value", 0, 0xFFFF, out var value, out error))
        {
            return ctx.Fail(error!);
        }
        // The multistate cluster the device has (Value, Output, then Input, which refuses the write); Output when unknown.
        var cluster = ClusterIds.MultistateOutput;
        if (LuaDeviceAccess.TryFind(thread.Task, device, out var entry))
        {
            cluster = MultistateClusters.FirstOrDefault(entry.Info.SupportsCluster, ClusterIds.MultistateOutput);
        }
        LuaDeviceAccess.Write(thread, device, new AttributeWrite(cluster, new Dictionary<int, AttributeValue> { [AttributeIds.Multistate.PresentValue] = value }, AppSource));
        return 0;
    }

    private static int Command(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "cluster", 0, 0xFFFF, out var cluster, out error)
            || !LuaDeviceAccess.TryGetRange(ctx, 3, "cmd", 0, 0xFF, out var command, out error)
            || !LuaDeviceValues.TryReadArguments(ctx, 4, "args", out var arguments, out error))
        {
            return ctx.Fail(error!);
        }
        LuaDeviceAccess.Send(thread, device, new DeviceCommand((int)cluster, (int)command, arguments, AppSource));
        return 0;
    }

    private static int SetAttributes(LuaCallContext ctx)
    {
        if (!LuaDeviceAccess.TryBegin(ctx, "dev", out var thread, out var device, out var error)
            || !LuaDeviceAccess.TryGetRange(ctx, 2, "cluster", 0, 0xFFFF, out var cluster, out error)
            || !LuaDeviceValues.TryReadAttributes(ctx, 3, "attrs", out var attributes, out error))
        {
            return ctx.Fail(error!);
        }
        LuaDeviceAccess.Write(thread, device, new AttributeWrite((int)cluster, attributes, AppSource));
        return 0;
    }

    // Tenths of a second, 0..0xFFFF; nil or absent = 0; fractions round to nearest.
    private static bool TryGetTenths(in LuaCallContext ctx, int index, string name, out long tenths, out string? error)
    {
        tenths = 0;
        error = null;
        return ctx.TypeOf(index) is KeraLua.LuaType.None or KeraLua.LuaType.Nil
            || LuaDeviceAccess.TryGetRange(ctx, index, name, 0, 0xFFFF, out tenths, out error, LuaRounding.Nearest);
    }
}
