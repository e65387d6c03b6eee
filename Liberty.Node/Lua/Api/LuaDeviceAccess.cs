using Liberty.Devices.Actors;
using Liberty.Devices.Model;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// What the device API callbacks share: reading the device and source arguments, finding devices, and sending
/// commands so that a failure reaches the calling thread as an <c>ok=false</c> event.
/// </summary>
/// <remarks><b>Thread:</b> inside API callbacks on the cooperative thread; never blocks (only posts messages).</remarks>
internal static class LuaDeviceAccess
{
    /// <summary>Highest <c>s</c> value (8, group state).</summary>
    private const int MaxSource = (int)EventSource.GroupState;

    /// <summary>Reads the calling task thread and argument 1 as a device id.</summary>
    public static bool TryBegin(in LuaCallContext ctx, string argumentName, out LuaThread thread, out long device, out string? error)
    {
        device = 0;
        if (LuaThread.Of(ctx) is not { } current)
        {
            thread = null!;
            error = LuaThread.NoThreadMessage(ctx);
            return false;
        }
        thread = current;
        return TryGetDevice(ctx, 1, argumentName, out device, out error);
    }

    /// <summary>Reads a device id argument (an integer; integral floats accepted).</summary>
    public static bool TryGetDevice(in LuaCallContext ctx, int index, string argumentName, out long device, out string? error) =>
        ctx.TryGetInteger(index, argumentName, out device, out error);

    /// <summary>Reads a source argument 0..8 (<c>s</c>); nil or absent gives <paramref name="fallback"/>.</summary>
    public static bool TryGetSource(in LuaCallContext ctx, int index, EventSource fallback, out EventSource source, out string? error)
    {
        source = fallback;
        if (ctx.TypeOf(index) is KeraLua.LuaType.None or KeraLua.LuaType.Nil)
        {
            error = null;
            return true;
        }
        if (!ctx.TryGetInteger(index, "source", out var value, out error))
        {
            return false;
        }
        if (value is < 0 or > MaxSource)
        {
            error = $"{ctx.FunctionName}: argument {index} (source) must be 0..{MaxSource}, got {value}";
            return false;
        }
        source = (EventSource)value;
        return true;
    }

    /// <summary>Reads an integer argument within a range.</summary>
    public static bool TryGetRange(in LuaCallContext ctx, int index, string argumentName, long min, long max, out long value, out string? error, LuaRounding rounding = LuaRounding.Reject)
    {
        if (!ctx.TryGetInteger(index, argumentName, out value, out error, rounding))
        {
            return false;
        }
        if (value < min || value > max)
        {
            error = $"{ctx.FunctionName}: argument {index} ({argumentName}) must be {min}..{max}, got {value}";
            return false;
        }
        return true;
    }

    /// <summary>The device's directory entry, if this node knows it.</summary>
    public static bool TryFind(LuaRun task, long device, out DeviceEntry entry)
    {
        entry = null!;
        return task.Services.Devices is { } directory && directory.TryGet(device, out entry);
    }

    /// <summary>
    /// Sends a command; the device actor answers a failure with an <c>ok=false</c> command event in the thread's queue.
    /// A device this node does not know gets that event at once.
    /// </summary>
    public static void Send(LuaThread thread, long device, DeviceCommand command)
    {
        if (TryFind(thread.Task, device, out var entry))
        {
            entry.Actor.Tell(new SendDeviceCommand(command, ReplyWithResult: false), thread.Engine.ActorRef);
            return;
        }
        thread.Engine.TryDeliver(DeviceEvent.ForCommand(device, command.Cluster, command.Command, command.Arguments, command.Source, ok: false));
    }

    /// <summary>Writes attributes; failures arrive as for <see cref="Send"/> (an <c>ok=false</c> attribute event).</summary>
    public static void Write(LuaThread thread, long device, AttributeWrite write)
    {
        if (TryFind(thread.Task, device, out var entry))
        {
            entry.Actor.Tell(new WriteDeviceAttributes(write, ReplyWithResult: false), thread.Engine.ActorRef);
            return;
        }
        thread.Engine.TryDeliver(DeviceEvent.ForReport(device, write.Cluster, new Dictionary<int, AttributeValue>(), null, write.Source, ok: false));
    }
}
