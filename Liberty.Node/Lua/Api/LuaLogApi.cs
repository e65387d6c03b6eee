namespace Liberty.Node.Lua.Api;

/// <summary>
/// Logging: <c>Libre_Log(level, message)</c> (levels 0 trace … 5 fatal) into the task log and the node's log;
/// <c>print</c> goes there too (level 2, through <see cref="LuaTaskOptions.Print"/>). Lines are cut and
/// rate-limited by <see cref="LuaTaskLog"/>. <c>Libre_MessageText(level, _, recipients, resourceName, arg)</c> writes a
/// notification entry ("notification to users 3, 7: resource (arg)") into the task log; delivery to users is not
/// implemented on this node.
/// </summary>
internal static class LuaLogApi
{
    /// <summary>Adds the functions.</summary>
    public static LuaApiBuilder AddLogApi(this LuaApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add("Libre_Log", Log)
            .Add("Libre_MessageText", MessageText);
    }

    private static int Log(LuaCallContext ctx)
    {
        if (!ctx.TryGetInteger(1, "level", out var level, out var error, LuaRounding.Truncate))
        {
            return ctx.Fail(error!);
        }
        var text = ctx.TypeOf(2) switch
        {
            KeraLua.LuaType.String or KeraLua.LuaType.Number => LuaNative.ToString(ctx.Thread, 2) ?? string.Empty,
            KeraLua.LuaType.Boolean => ctx.GetBoolean(2) ? "true" : "false",
            KeraLua.LuaType.Nil or KeraLua.LuaType.None => "nil",
            var type => $"({LuaArgs.TypeName(type)})",
        };
        var task = LuaRun.Of(ctx);
        task.Log((int)Math.Clamp(level, 0, 5), text, LuaThread.Of(ctx)?.Id ?? 0);
        return 0;
    }


    private static int MessageText(LuaCallContext ctx)
    {
        if (!ctx.TryGetInteger(1, "level", out var level, out var error, LuaRounding.Truncate))
        {
            return ctx.Fail(error!);
        }
        var recipients = LuaValues.ToObject(ctx.Thread, 3) switch
        {
            IReadOnlyList<object?> list => string.Join(", ", list.Select(r => Convert.ToString(r, System.Globalization.CultureInfo.InvariantCulture))),
            null => "nobody",
            var single => Convert.ToString(single, System.Globalization.CultureInfo.InvariantCulture),
        };
        var resource = ctx.TypeOf(4) is KeraLua.LuaType.String or KeraLua.LuaType.Number ? LuaNative.ToString(ctx.Thread, 4) : "(no resource)";
        var argument = LuaValues.ToObject(ctx.Thread, 5) is { } arg ? System.Text.Json.JsonSerializer.Serialize(arg) : null;
        var text = argument is null ? $"notification to users {recipients}: {resource}" : $"notification to users {recipients}: {resource} {argument}";
        LuaRun.Of(ctx).Log((int)Math.Clamp(level, 0, 5), text, LuaThread.Of(ctx)?.Id ?? 0);
        return 0;
    }
}
