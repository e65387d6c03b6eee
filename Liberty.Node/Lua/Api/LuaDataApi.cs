using System.Globalization;
using System.Text.Json;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// Task data (docs/app-api.md section 7; README.md "Data"): standalone values, persistent, and in-memory time series.
/// </summary>
internal static class LuaDataApi
{
    private const string AwaitAdapter = """
        return function(raw, rt)
          return function(...)
            local ok, v = raw(...)
            if not ok then rt.error(v, 2) end
            rt.yield("await")
          end
        end
        """;

    /// <summary>Adds the functions.</summary>
    public static LuaApiBuilder AddDataApi(this LuaApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add("Libre_DataWriteStandalone", WriteStandalone, AwaitAdapter)
            .Add("Libre_DataReadStandalone", ReadStandalone)
            .Add("Libre_DataEraseStandalone", EraseStandalone, AwaitAdapter)
            .Add("Libre_DataInitSchema", InitSchema)
            .Add("Libre_DataOpenTimeSeries", OpenTimeSeries)
            .Add("Libre_DataWriteTimeSeries", WriteTimeSeries)
            .Add("Libertas_DataStatTimeSeries", StatTimeSeries)
            .Add("Libertas_DataReadTimeSeries", ReadTimeSeries);
    }

    private static int WriteStandalone(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!TryGetName(ctx, out var name, out var error))
        {
            return ctx.Fail(error!);
        }
        if (ctx.TypeOf(2) is KeraLua.LuaType.Function or KeraLua.LuaType.Thread or KeraLua.LuaType.UserData or KeraLua.LuaType.LightUserData)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (value) must be nil, a boolean, number, string or table, got {LuaArgs.TypeName(ctx.TypeOf(2))}");
        }
        if (LuaValues.CheckNesting(ctx.Thread, 2) is { } nesting)
        {
            // Refused rather than stored cut short: the task would read back less than it wrote.
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (value) cannot be stored: {nesting}");
        }
        var value = LuaValues.ToObject(ctx.Thread, 2);
        var json = value is null ? null : JsonSerializer.Serialize(value);
        if (json is { Length: > LuaTaskData.MaxValueLength })
        {
            return ctx.Fail($"{ctx.FunctionName}: the value is {json.Length} characters of JSON; at most {LuaTaskData.MaxValueLength} are stored");
        }
        return Store(ctx, thread, name, json);
    }

    private static int EraseStandalone(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        return TryGetName(ctx, out var name, out var error) ? Store(ctx, thread, name, null) : ctx.Fail(error!);
    }

    private static int Store(in LuaCallContext ctx, LuaThread thread, string name, string? json)
    {
        var task = thread.Task;
        task.Data.Set(name, json);
        thread.Pending = task.Services.Store.SaveTaskDataAsync(task.Id, name, json);
        return 0;
    }

    private static int ReadStandalone(LuaCallContext ctx)
    {
        if (!TryGetName(ctx, out var name, out var error))
        {
            return ctx.Fail(error!);
        }
        var json = LuaRun.Of(ctx).Data.Read(name);
        if (json is null)
        {
            ctx.PushNil();
            return 1;
        }
        object? value;
        try
        {
            using var document = JsonDocument.Parse(json);
            value = FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            // A value stored by an older format: hand it back as the text it is.
            value = json;
        }
        if (!LuaValues.TryPush(ctx.Thread, value))
        {
            return ctx.Fail($"{ctx.FunctionName}: the value of '{name}' is too deep to read");
        }
        return 1;
    }

    private static int InitSchema(LuaCallContext ctx)
    {
        var schema = LuaValues.ToObject(ctx.Thread, 1);
        LuaRun.Of(ctx).Data.Schema = schema is null ? null : JsonSerializer.Serialize(schema);
        ctx.PushBoolean(true);
        return 1;
    }

    private static int OpenTimeSeries(LuaCallContext ctx)
    {
        if (!TryGetName(ctx, out var name, out var error))
        {
            return ctx.Fail(error!);
        }
        var handle = LuaRun.Of(ctx).Data.OpenSeries(name);
        if (handle == 0)
        {
            return ctx.Fail($"{ctx.FunctionName}: a task may open at most {LuaTaskData.MaxSeries} time series");
        }
        ctx.PushInteger(handle);
        return 1;
    }

    // (series, value[, time]) time in UTC epoch seconds; default now.
    private static int WriteTimeSeries(LuaCallContext ctx)
    {
        if (!TryGetSeries(ctx, out var series, out var error) || !ctx.TryGetNumber(2, "value", out var value, out error))
        {
            return ctx.Fail(error!);
        }
        var time = Now(ctx);
        if (ctx.TypeOf(3) is not (KeraLua.LuaType.None or KeraLua.LuaType.Nil) && !ctx.TryGetNumber(3, "time", out time, out error))
        {
            return ctx.Fail(error!);
        }
        series!.Write(time, value);
        return 0;
    }

    // (series) -> count, first index (1-based, of the oldest point kept), {count, first, last, min, max, dropped}
    private static int StatTimeSeries(LuaCallContext ctx)
    {
        if (!TryGetSeries(ctx, out var series, out var error) || !ctx.EnsureStack(6))
        {
            return ctx.Fail(error ?? $"{ctx.FunctionName}: out of stack");
        }
        var (count, first, last, min, max, dropped) = series!.Stat();
        var l = ctx.Thread;
        ctx.PushInteger(count);
        ctx.PushInteger(dropped + 1);
        LuaNative.lua_createtable(l, 0, 6);
        LuaEventTables.SetInteger(l, "count", count);
        SetNumber(l, "first", first);
        SetNumber(l, "last", last);
        SetNumber(l, "min", min);
        SetNumber(l, "max", max);
        LuaEventTables.SetInteger(l, "dropped", dropped);
        return 3;
    }

    // (series[, from[, to[, max]]]) -> array of {t = time, v = value}
    private static int ReadTimeSeries(LuaCallContext ctx)
    {
        if (!TryGetSeries(ctx, out var series, out var error))
        {
            return ctx.Fail(error!);
        }
        double from = double.NegativeInfinity, to = double.PositiveInfinity;
        long max = 1000;
        if ((ctx.TypeOf(2) is not (KeraLua.LuaType.None or KeraLua.LuaType.Nil) && !ctx.TryGetNumber(2, "from", out from, out error))
            || (ctx.TypeOf(3) is not (KeraLua.LuaType.None or KeraLua.LuaType.Nil) && !ctx.TryGetNumber(3, "to", out to, out error))
            || !ctx.TryGetOptionalInteger(4, "max", 1000, out max, out error))
        {
            return ctx.Fail(error!);
        }
        var points = series!.Read(from, to, (int)Math.Clamp(max, 0, 100_000));
        if (!ctx.EnsureStack(4))
        {
            return ctx.Fail($"{ctx.FunctionName}: out of stack");
        }
        var l = ctx.Thread;
        LuaNative.lua_createtable(l, points.Count, 0);
        for (var i = 0; i < points.Count; i++)
        {
            LuaNative.lua_createtable(l, 0, 2);
            SetNumber(l, "t", points[i].Time);
            SetNumber(l, "v", points[i].Value);
            LuaNative.lua_rawseti(l, -2, i + 1);
        }
        return 1;
    }

    private static double Now(in LuaCallContext ctx) =>
        LuaRun.Of(ctx).Services.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private static void SetNumber(IntPtr l, string name, double value)
    {
        LuaNative.PushString(l, name);
        LuaNative.lua_pushnumber(l, value);
        LuaNative.lua_rawset(l, -3);
    }

    private static bool TryGetName(in LuaCallContext ctx, out string name, out string? error)
    {
        if (!ctx.TryGetString(1, "name", out name, out error))
        {
            return false;
        }
        if (name.Length is 0 or > LuaTaskData.MaxNameLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{ctx.FunctionName}: argument 1 (name) must be 1 to {LuaTaskData.MaxNameLength} characters");
            return false;
        }
        return true;
    }

    private static bool TryGetSeries(in LuaCallContext ctx, out LuaTaskData.TimeSeries? series, out string? error)
    {
        series = null;
        if (!ctx.TryGetInteger(1, "series", out var handle, out error))
        {
            return false;
        }
        series = LuaRun.Of(ctx).Data.FindSeries(handle);
        if (series is null)
        {
            error = $"{ctx.FunctionName}: time series {handle} is not open (Libre_DataOpenTimeSeries returns the handle)";
            return false;
        }
        return true;
    }

    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Array => (IReadOnlyList<object?>)[.. element.EnumerateArray().Select(FromJson)],
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}
