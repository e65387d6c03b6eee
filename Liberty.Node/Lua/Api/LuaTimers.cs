using Liberty.Node.Engine;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// Reactive timers (docs/app-api.md section 7): <c>Libre_TimerNew(ms, cb, tag)</c> → timer (one-shot; <c>ms == 0</c>
/// creates it on hold); <c>Libre_TimerUpdate(timer, ms[, cb[, tag]])</c> re-arms it (0: on hold) and optionally
/// replaces the callback and tag; <c>Libre_TimerCancel(timer)</c> removes it. On expiry the owner thread, sitting in
/// <c>Libre_WaitReactive</c>, calls <c>cb(tag, timer)</c>. An imperative thread sees the expiry as
/// <c>{t = 23, id = timer}</c> from <c>Libre_GetEvent</c>.
/// </summary>
internal static class LuaTimers
{
    /// <summary>Adds the functions.</summary>
    public static LuaApiBuilder AddTimerApi(this LuaApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add("Libre_TimerNew", TimerNew)
            .Add("Libre_TimerUpdate", TimerUpdate)
            .Add("Libre_TimerCancel", TimerCancel);
    }

    /// <summary>The Lua timer of <paramref name="timer"/> in <paramref name="thread"/>, if any.</summary>
    public static LuaTimer? Find(LuaThread thread, EngineTimer timer) =>
        thread.TimersByEngine.GetValueOrDefault(timer);

    /// <summary>The id Lua knows <paramref name="timer"/> by (0 when it is not a Lua timer).</summary>
    public static long IdOf(LuaThread thread, EngineTimer timer) => Find(thread, timer)?.Id ?? 0;

    private static int TimerNew(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!ctx.TryGetNumber(1, "ms", out var ms, out var error))
        {
            return ctx.Fail(error!);
        }
        if (ctx.TypeOf(2) != KeraLua.LuaType.Function)
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 2 (cb) must be a function, got {LuaArgs.TypeName(ctx.TypeOf(2))}");
        }
        var task = thread.Task;
        var timer = new LuaTimer(task.NextTimerId(), thread);
        thread.SetCallback(timer, ctx, 2, 3);
        task.Timers[timer.Id] = timer;
        Arm(thread, timer, ms);
        ctx.PushInteger(timer.Id);
        return 1;
    }

    private static int TimerUpdate(LuaCallContext ctx)
    {
        if (!TryGetTimer(ctx, out var timer, out var error) || !ctx.TryGetNumber(2, "ms", out var ms, out error))
        {
            return ctx.Fail(error!);
        }
        if (ctx.TypeOf(3) == KeraLua.LuaType.Function)
        {
            if (ctx.TypeOf(4) == KeraLua.LuaType.None)
            {
                // Keep the old tag: re-register with it.
                LuaNative.lua_settop(ctx.Thread, 3);
                if (!timer!.Owner.TryPushCallback(timer, ctx.Thread))
                {
                    return ctx.Fail($"{ctx.FunctionName}: timer {timer.Id} has no callback");
                }
                // Stack: timer, ms, newcb, oldcb, oldtag
                timer.Owner.SetCallback(timer, ctx, 3, 5);
            }
            else
            {
                timer!.Owner.SetCallback(timer, ctx, 3, 4);
            }
        }
        else if (ctx.TypeOf(3) is not (KeraLua.LuaType.None or KeraLua.LuaType.Nil))
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 3 (cb) must be a function, got {LuaArgs.TypeName(ctx.TypeOf(3))}");
        }
        Arm(timer!.Owner, timer, ms);
        return 0;
    }

    private static int TimerCancel(LuaCallContext ctx)
    {
        if (!TryGetTimer(ctx, out var timer, out var error))
        {
            return ctx.Fail(error!);
        }
        timer!.Hold();
        timer.Owner.ClearCallback(timer);
        timer.Owner.Task.Timers.Remove(timer.Id);
        return 0;
    }

    private static void Arm(LuaThread thread, LuaTimer timer, double ms)
    {
        if (timer.Engine is { } old)
        {
            thread.TimersByEngine.Remove(old);
        }
        timer.Arm(ms);
        if (timer.Engine is { } engine)
        {
            thread.TimersByEngine[engine] = timer;
        }
    }

    private static bool TryGetTimer(in LuaCallContext ctx, out LuaTimer? timer, out string? error)
    {
        timer = null;
        if (!ctx.TryGetInteger(1, "timer", out var id, out error))
        {
            return false;
        }
        var task = LuaRun.Of(ctx);
        if (!task.Timers.TryGetValue(id, out timer))
        {
            error = $"{ctx.FunctionName}: timer {id} does not exist (cancelled, or its thread ended)";
            return false;
        }
        if (!ReferenceEquals(LuaThread.Of(ctx), timer.Owner))
        {
            error = $"{ctx.FunctionName}: timer {id} belongs to thread {timer.Owner.Id}; only that thread may change it";
            timer = null;
            return false;
        }
        return true;
    }
}
