namespace Liberty.Node.Lua.Api;

/// <summary>
/// Threads and waits (docs/app-api.md section 3) and the imperative event API: <c>Libre_Wait</c>,
/// <c>Libre_WaitUntil</c>, <c>Libre_Yield</c>, <c>Libre_Sleep</c>, <c>Libre_NewThread</c>, <c>Libre_ExitThread</c>,
/// <c>Libertas_NotifyThread</c>, <c>Libre_GetEvent</c>, <c>Libre_WaitReactive</c>. The waits yield a request to
/// the thread's resume loop (<see cref="LuaThread"/>); the callbacks only check arguments.
/// </summary>
internal static class LuaThreadApi
{
    private const string WaitAdapter = """
        return function(raw, rt)
          return function(ms)
            local ok, v = raw(ms)
            if not ok then rt.error(v, 2) end
            rt.yield("wait", v)
          end
        end
        """;

    private const string WaitUntilAdapter = """
        return function(raw, rt)
          return function(utc)
            local ok, v = raw(utc)
            if not ok then rt.error(v, 2) end
            rt.yield("until", v)
          end
        end
        """;

    private const string YieldAdapter = """
        return function(raw, rt)
          return function()
            local ok, v = raw()
            if not ok then rt.error(v, 2) end
            rt.yield("wait", 0)
          end
        end
        """;

    private const string SleepAdapter = """
        return function(raw, rt)
          return function(ms)
            local ok, v = raw(ms)
            if not ok then rt.error(v, 2) end
            rt.yield("sleep", v)
          end
        end
        """;

    private const string NewThreadAdapter = """
        return function(raw, rt)
          return function(f, ...)
            if type(f) ~= "function" then rt.error("Libre_NewThread: argument 1 (func) must be a function, got " .. type(f), 2) end
            return rt.check(raw(rt.create(f), ...))
          end
        end
        """;

    private const string ExitThreadAdapter = """
        return function(raw, rt)
          return function(thread)
            local ok, self = raw(thread)
            if not ok then rt.error(self, 2) end
            if self then
              rt.yield("exit")
              rt.error("Libre_ExitThread: the thread could not exit", 2)
            end
          end
        end
        """;

    private const string WaitReactiveAdapter = """
        return function(raw, rt)
          local function step(ok, cb, ...)
            if not ok then rt.error(cb, 3) end
            if cb == nil then rt.yield("reactive") else cb(...) end
          end
          return function()
            while true do step(raw()) end
          end
        end
        """;

    /// <summary>Adds the functions.</summary>
    public static LuaApiBuilder AddThreadApi(this LuaApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add("Libre_Wait", Wait, WaitAdapter)
            .Add("Libre_WaitUntil", WaitUntil, WaitUntilAdapter)
            .Add("Libre_Yield", RequireThread, YieldAdapter)
            .Add("Libre_Sleep", Sleep, SleepAdapter)
            .Add("Libre_NewThread", NewThread, NewThreadAdapter)
            .Add("Libre_ExitThread", ExitThread, ExitThreadAdapter)
            .Add("Libertas_NotifyThread", NotifyThread)
            .Add("Libre_GetEvent", GetEvent)
            .Add("Libre_WaitReactive", WaitReactive, WaitReactiveAdapter);
    }

    // ms: nil or negative -> -1 (no deadline); else the number.
    private static int Wait(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is null)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (ctx.TypeOf(1) is KeraLua.LuaType.Nil or KeraLua.LuaType.None)
        {
            ctx.PushInteger(-1);
            return 1;
        }
        if (!ctx.TryGetNumber(1, "ms", out var ms, out var error))
        {
            return ctx.Fail(error!);
        }
        ctx.PushNumber(double.IsNaN(ms) ? -1 : ms);
        return 1;
    }

    private static int WaitUntil(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is null)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!ctx.TryGetNumber(1, "utc", out var utc, out var error))
        {
            return ctx.Fail(error!);
        }
        ctx.PushNumber(utc);
        return 1;
    }

    private static int Sleep(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is null)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!ctx.TryGetNumber(1, "ms", out var ms, out var error))
        {
            return ctx.Fail(error!);
        }
        ctx.PushNumber(ms);
        return 1;
    }

    private static int RequireThread(LuaCallContext ctx) =>
        LuaThread.Of(ctx) is null ? ctx.Fail(LuaThread.NoThreadMessage(ctx)) : 0;

    // raw(coroutine, ...) -> thread id
    private static int NewThread(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } caller)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (caller.Task.NewThread(ctx, caller, 1, out var error) is not { } thread)
        {
            return ctx.Fail(error!);
        }
        ctx.PushInteger(thread.Id);
        return 1;
    }

    // raw([thread]) -> true when the calling thread must exit itself.
    private static int ExitThread(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } caller)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (ctx.TypeOf(1) is KeraLua.LuaType.Nil or KeraLua.LuaType.None)
        {
            ctx.PushBoolean(true);
            return 1;
        }
        if (!ctx.TryGetInteger(1, "thread", out var id, out var error))
        {
            return ctx.Fail(error!);
        }
        if (id == caller.Id)
        {
            ctx.PushBoolean(true);
            return 1;
        }
        if (caller.Task.FindThread(id) is not { } target)
        {
            return ctx.Fail($"Libre_ExitThread: thread {id} is not a live thread of this task");
        }
        caller.Context.ExitThread(target.Engine);
        ctx.PushBoolean(false);
        return 1;
    }

    private static int NotifyThread(LuaCallContext ctx)
    {
        if (!ctx.TryGetInteger(1, "thread", out var id, out var error))
        {
            return ctx.Fail(error!);
        }
        if (LuaRun.Of(ctx).FindThread(id) is not { } target)
        {
            return ctx.Fail($"{ctx.FunctionName}: thread {id} is not a live thread of this task");
        }
        target.Engine.RequestWake();
        return 0;
    }

    private static int GetEvent(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        while (thread.Context.GetEvent() is { } e)
        {
            if (LuaEventTables.TryPush(e, ctx, thread))
            {
                return 1;
            }
        }
        ctx.PushNil();
        return 1;
    }

    // raw() -> cb, tag, args... for the next routed event, or nothing when the queue is empty.
    private static int WaitReactive(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        thread.IsReactive = true;
        while (thread.Context.GetEvent() is { } e)
        {
            if (LuaReactiveRouting.TryRoute(e, thread, out var key) && key is not null && thread.TryPushCallback(key, ctx.Thread))
            {
                return 2 + LuaReactiveRouting.PushArguments(e, key, ctx);
            }
            thread.Task.CountUnrouted();
        }
        return 0;
    }
}
