namespace Liberty.Node.Lua;

/// <summary>
/// The C# functions the runtime prelude (<see cref="LuaPrelude"/>) builds on: the kill-switch question,
/// the lazy API binder, print, the clock and lbuffer. They are handed to the prelude as a private table and
/// never become globals themselves.
/// </summary>
internal static class LuaRuntimeNatives
{
    /// <summary>One native: its name in the prelude's table, its body, and whether it returns a status (checked) or plain results.</summary>
    internal readonly record struct Native(string Name, LuaCallback Callback, bool Checked);

    /// <summary>Every native, in dispatch-index order.</summary>
    public static IReadOnlyList<Native> All { get; } =
    [
        new("should_stop", LuaState.NativeShouldStop, Checked: false),
        new("closure", LuaState.NativeClosure, Checked: false),
        new("print", Print, Checked: false),
        new("now", Now, Checked: false),
        new("utcnow", UtcNow, Checked: false),
        new("msticks", MsTicks, Checked: false),
        new("clock", Clock, Checked: false),
        new("date", LuaDate.Native, Checked: false),
        new("local_to_utc", LocalToUtc, Checked: false),
        new("lbuffer_meta", LuaBuffer.NativeSetMetatable, Checked: false),
        new("lbuffer_get", LuaBuffer.NativeGet, Checked: false),
        new("lbuffer", LuaBuffer.NativeNew, Checked: true),
        new("lbuffer:len", LuaBuffer.NativeLength, Checked: true),
        new("lbuffer:setlen", LuaBuffer.NativeSetLength, Checked: true),
        new("lbuffer:tostring", LuaBuffer.NativeToString, Checked: true),
        new("lbuffer:set", LuaBuffer.NativeSet, Checked: true),
        new("lbuffer:clear", LuaBuffer.NativeClear, Checked: true),
        new("lbuffer:remove", LuaBuffer.NativeRemove, Checked: true),
        new("lbuffer[]=", LuaBuffer.NativePut, Checked: true),
        new("lazy_source", LazySource, Checked: false),
        new("lazy_module", LazyModule, Checked: false),
        new("api_index", LuaState.NativeApiIndex, Checked: false),
        new("api_adapter", LuaState.NativeApiAdapter, Checked: false),
        new("api_names", LuaState.NativeApiNames, Checked: false),
    ];

    // lazy_source(name): the source of a runtime module compiled on first use, or nil.
    private static int LazySource(LuaCallContext context)
    {
        if (LuaNative.ToString(context.Thread, 1) is { } name && LuaPrelude.LazySource(name) is { } source)
        {
            context.PushString(source);
        }
        else
        {
            context.PushNil();
        }
        return 1;
    }

    // lazy_module(name): the runtime module that defines global name when first used, or nil.
    private static int LazyModule(LuaCallContext context)
    {
        if (LuaNative.ToString(context.Thread, 1) is { } name && LuaPrelude.LazyModule(name) is { } module)
        {
            context.PushString(module);
        }
        else
        {
            context.PushNil();
        }
        return 1;
    }

    private static readonly DateTime UnixEpoch = DateTime.UnixEpoch;

    private static int Print(LuaCallContext context)
    {
        var line = LuaNative.ToString(context.Thread, 1);
        if (line is not null)
        {
            context.State.Options.Print?.Invoke(line);
        }
        return 0;
    }

    // os.time(): integer UTC seconds.
    private static int Now(LuaCallContext context)
    {
        context.PushInteger(context.State.Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        return 1;
    }

    // os.utcnow(): fractional UTC seconds.
    private static int UtcNow(LuaCallContext context)
    {
        var ticks = context.State.Options.TimeProvider.GetUtcNow().UtcTicks - UnixEpoch.Ticks;
        context.PushNumber(ticks / (double)TimeSpan.TicksPerSecond);
        return 1;
    }

    // os.msticks(): integer monotonic milliseconds.
    private static int MsTicks(LuaCallContext context)
    {
        var time = context.State.Options.TimeProvider;
        var timestamp = time.GetTimestamp();
        var frequency = time.TimestampFrequency;
        context.PushInteger((timestamp / frequency * 1000) + (timestamp % frequency * 1000 / frequency));
        return 1;
    }

    // os.clock(): seconds since the state was created, on the task's clock (deterministic under virtual time).
    private static int Clock(LuaCallContext context)
    {
        var elapsed = context.State.Options.TimeProvider.GetElapsedTime(context.State.CreatedTimestamp);
        context.PushNumber(elapsed.TotalSeconds);
        return 1;
    }

    // local_to_utc(year, month, day, hour, min, sec) -> utcSeconds | nil: os.time(table) in the task's zone,
    // normalising out-of-range fields like C's mktime (month 13 is January of the next year, day 0 the last
    // day of the previous month).
    private static int LocalToUtc(LuaCallContext context)
    {
        Span<long> fields = stackalloc long[6];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = LuaNative.lua_tointegerx(context.Thread, i + 1, IntPtr.Zero);
        }
        try
        {
            var months = checked((fields[0] * 12) + fields[1] - 1);
            var year = (int)Math.Floor(months / 12.0);
            var month = (int)(months - ((long)year * 12)) + 1;
            var seconds = checked((((((fields[2] - 1) * 24) + fields[3]) * 60) + fields[4]) * 60 + fields[5]);
            var local = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(seconds);
            var zone = context.State.Options.TimeProvider.LocalTimeZone;
            var utc = local - zone.GetUtcOffset(local);
            context.PushInteger((long)Math.Floor((utc - UnixEpoch).TotalSeconds));
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or OverflowException)
        {
            context.PushNil();
        }
        return 1;
    }
}
