using Liberty.Node.Engine;

namespace Liberty.Node.Lua.Api;

/// <summary>
/// The <c>liberty</c> table (docs/app-api.md section 8, docs/event-model.md): the event kernel for Lua apps. Each
/// function is registered as <c>liberty_&lt;name&gt;</c> and bound into the table on first use. Contracts: README.md,
/// "The liberty table".
/// </summary>
internal static class LuaLibertyApi
{
    private const string InterruptibleAdapter = """
        return function(raw, rt)
          return function(ms)
            local ok, v = raw(ms)
            if not ok then rt.error(v, 2) end
            return rt.yield("interruptible", v)
          end
        end
        """;

    /// <summary>Adds the functions.</summary>
    public static LuaApiBuilder AddLibertyApi(this LuaApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .Add("liberty_post", Post)
            .Add("liberty_send", Send)
            .Add("liberty_onsend", OnSend)
            .Add("liberty_broadcast", Broadcast)
            .Add("liberty_subscribe", Subscribe)
            .Add("liberty_poll", Poll)
            .Add("liberty_newevent", NewEvent)
            .Add("liberty_watch", Watch)
            .Add("liberty_watchtask", WatchTask)
            .Add("liberty_interrupt", Interrupt)
            .Add("liberty_interruptible", Interruptible, InterruptibleAdapter)
            .Add("liberty_export", Export)
            .Add("liberty_lookup", Lookup)
            .Add("liberty_self", Self)
            .Add("liberty_task", TaskId)
            .Add("liberty_now", Now)
            .Add("liberty_monotonic", Monotonic);
    }

    // post(thread, ev[, data]) -> "ok" | "full" | "ended"
    private static int Post(LuaCallContext ctx)
    {
        if (!TryGetTarget(ctx, out var target, out var error) || !TryGetEventNumber(ctx, 2, out var number, out error))
        {
            return ctx.Fail(error!);
        }
        var data = LuaValues.ToObject(ctx.Thread, 3);
        var from = LuaThread.Of(ctx)?.Engine;
        var result = target!.Engine.TryPost(new PostedEvent(number, data, from));
        ctx.PushString(result switch
        {
            PostResult.Ok => "ok",
            PostResult.Full => "full",
            _ => "ended",
        });
        return 1;
    }

    // send(thread, ev[, data]) -> "ok", result | "recursive" | "nohandler" | "othertask" | "ended" | "error", message
    private static int Send(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } caller)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!TryGetTarget(ctx, out var target, out var error) || !TryGetEventNumber(ctx, 2, out var number, out error))
        {
            return ctx.Fail(error!);
        }
        var data = LuaValues.ToObject(ctx.Thread, 3);
        var sent = caller.Context.PostSync(target!.Engine, number, data);
        switch (sent.Status)
        {
            case PostSyncStatus.Ok when sent.Value is SyncFailure failure:
                ctx.PushString("error");
                ctx.PushString(failure.Message);
                return 2;
            case PostSyncStatus.Ok:
                ctx.PushString("ok");
                if (!LuaValues.TryPush(ctx.Thread, sent.Value))
                {
                    ctx.PushNil();
                }
                return 2;
            case PostSyncStatus.Recursive:
                ctx.PushString("recursive");
                return 1;
            case PostSyncStatus.NoHandler:
                ctx.PushString("nohandler");
                return 1;
            case PostSyncStatus.OtherTask:
                ctx.PushString("othertask");
                return 1;
            default:
                ctx.PushString("ended");
                return 1;
        }
    }

    // onsend(fn | nil): fn(ev, data, from) runs nested in the sender's slice and returns the send's result.
    private static int OnSend(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (ctx.TypeOf(1) is KeraLua.LuaType.None or KeraLua.LuaType.Nil)
        {
            thread.ClearCallback(SyncKey.Instance);
            thread.Context.SetSyncHandler(null);
            return 0;
        }
        if (!thread.SetCallback(SyncKey.Instance, ctx, 1, 1))
        {
            return ctx.Fail($"{ctx.FunctionName}: argument 1 (handler) must be a function or nil, got {LuaArgs.TypeName(ctx.TypeOf(1))}");
        }
        thread.Context.SetSyncHandler(e =>
        {
            if (!thread.TryGetCallbackReference(SyncKey.Instance, out var reference))
            {
                return new SyncFailure("the handler was removed");
            }
            return thread.Task.Lua.TryCallReference(reference, [(long)e.Number, e.Data, e.From is { } from ? (long)from.Id : null], out var result, out var failure)
                ? result
                : new SyncFailure(failure ?? "error");
        });
        return 0;
    }

    // broadcast(ev[, data]) -> delivered, missed
    private static int Broadcast(LuaCallContext ctx)
    {
        if (!TryGetEventNumber(ctx, 1, out var number, out var error))
        {
            return ctx.Fail(error!);
        }
        var data = LuaValues.ToObject(ctx.Thread, 2);
        var result = LuaThread.Of(ctx) is { } thread
            ? thread.Context.Broadcast(number, data)
            : LuaRun.Of(ctx).Services.TaskHost.Broadcast(number, data);
        ctx.PushInteger(result.Delivered);
        ctx.PushInteger(result.Missed);
        return 2;
    }

    // subscribe([on = true])
    private static int Subscribe(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        var on = ctx.TypeOf(1) is KeraLua.LuaType.None or KeraLua.LuaType.Nil || ctx.GetBoolean(1);
        thread.Context.SubscribeBroadcasts(on);
        return 0;
    }

    private static int Poll(LuaCallContext ctx)
    {
        if (!TryGetTarget(ctx, out var target, out var error))
        {
            return ctx.Fail(error!);
        }
        TaskHost.Poll(target!.Engine);
        return 0;
    }

    // newevent() -> number, or nil, "exhausted"
    private static int NewEvent(LuaCallContext ctx)
    {
        var host = LuaRun.Of(ctx).Services.TaskHost;
        if (host.TryAllocateEventNumber(out var number))
        {
            ctx.PushInteger(number);
            return 1;
        }
        ctx.PushNil();
        ctx.PushString("exhausted");
        return 2;
    }

    // watch(thread): one {t = 21, thread = id, outcome, reason} when it ends (also when it has ended).
    private static int Watch(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!TryGetTarget(ctx, out var target, out var error))
        {
            return ctx.Fail(error!);
        }
        thread.Context.Watch(target!.Engine);
        return 0;
    }

    // watchtask(task): one {t = 21, task = id, state, reason} when its last thread ends.
    private static int WatchTask(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!ctx.TryGetInteger(1, "task", out var id, out var error))
        {
            return ctx.Fail(error!);
        }
        if (!thread.Task.Services.Tasks.TryGetValue(id, out var task))
        {
            return ctx.Fail($"{ctx.FunctionName}: task {id} has not run on this node");
        }
        thread.Context.Watch(task.Engine);
        return 0;
    }

    private static int Interrupt(LuaCallContext ctx)
    {
        if (!TryGetTarget(ctx, out var target, out var error, ownTaskOnly: true))
        {
            return ctx.Fail(error!);
        }
        TaskHost.Interrupt(target!.Engine);
        return 0;
    }

    // interruptible([ms]) -> true when interrupted, false when ms passed (nil: no deadline).
    private static int Interruptible(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is null)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (ctx.TypeOf(1) is KeraLua.LuaType.None or KeraLua.LuaType.Nil)
        {
            ctx.PushInteger(-1);
            return 1;
        }
        if (!ctx.TryGetNumber(1, "ms", out var ms, out var error))
        {
            return ctx.Fail(error!);
        }
        ctx.PushNumber(ms);
        return 1;
    }

    private static int Self(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        ctx.PushInteger(thread.Id);
        return 1;
    }

    private static int TaskId(LuaCallContext ctx)
    {
        ctx.PushInteger(LuaRun.Of(ctx).Id);
        return 1;
    }

    private static int Now(LuaCallContext ctx)
    {
        ctx.PushNumber(LuaRun.Of(ctx).Services.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        return 1;
    }

    private static int Monotonic(LuaCallContext ctx)
    {
        var time = LuaRun.Of(ctx).Services.TimeProvider;
        ctx.PushNumber(time.GetTimestamp() / (double)time.TimestampFrequency);
        return 1;
    }

    // export(name) -> true, or false when another live thread holds the name.
    private static int Export(LuaCallContext ctx)
    {
        if (LuaThread.Of(ctx) is not { } thread)
        {
            return ctx.Fail(LuaThread.NoThreadMessage(ctx));
        }
        if (!TryGetEndpointName(ctx, out var name, out var error))
        {
            return ctx.Fail(error!);
        }
        ctx.PushBoolean(thread.TryExport(name));
        return 1;
    }

    // lookup(name) -> the id of the live thread exported under name, or nil.
    private static int Lookup(LuaCallContext ctx)
    {
        if (!TryGetEndpointName(ctx, out var name, out var error))
        {
            return ctx.Fail(error!);
        }
        if (LuaRun.Of(ctx).Services.Endpoints.TryGetValue(name, out var thread) && !thread.Engine.IsEnded)
        {
            ctx.PushInteger(thread.Id);
        }
        else
        {
            ctx.PushNil();
        }
        return 1;
    }

    private static bool TryGetEndpointName(in LuaCallContext ctx, out string name, out string? error)
    {
        if (!ctx.TryGetString(1, "name", out name, out error))
        {
            return false;
        }
        if (name.Length is 0 or > MaxEndpointName || name.Any(char.IsControl))
        {
            error = $"{ctx.FunctionName}: argument 1 (name) must be 1 to {MaxEndpointName} characters without control characters";
            return false;
        }
        return true;
    }

    private const int MaxEndpointName = 128;

    // Tasks are isolated: a thread of another task is a target only when that task exported it (liberty.export), and
    // for ownTaskOnly functions never. The error is the same whether such a thread exists or not, so ids cannot be probed.
    private static bool TryGetTarget(in LuaCallContext ctx, out LuaThread? target, out string? error, bool ownTaskOnly = false)
    {
        target = null;
        if (!ctx.TryGetInteger(1, "thread", out var id, out error))
        {
            return false;
        }
        var run = LuaRun.Of(ctx);
        if (!run.Services.Threads.TryGetValue(id, out target)
            || (!ReferenceEquals(target.Task, run) && (ownTaskOnly || !target.IsExported)))
        {
            target = null;
            error = ownTaskOnly
                ? $"{ctx.FunctionName}: thread {id} is not a live thread of this task"
                : $"{ctx.FunctionName}: thread {id} is not a live thread of this task, nor one another task exported (liberty.export, liberty.lookup)";
            return false;
        }
        return true;
    }

    private static bool TryGetEventNumber(in LuaCallContext ctx, int index, out int number, out string? error)
    {
        number = 0;
        if (!ctx.TryGetInteger(index, "ev", out var ev, out error))
        {
            return false;
        }
        if (ev is < 0 or > int.MaxValue)
        {
            error = $"{ctx.FunctionName}: argument {index} (ev) must be 0 to {int.MaxValue}, got {ev}";
            return false;
        }
        number = (int)ev;
        return true;
    }

    /// <summary>The registry key of a thread's sync handler.</summary>
    private sealed class SyncKey
    {
        public static SyncKey Instance { get; } = new();
    }

    /// <summary>A sync handler that raised: the sender gets "error", message.</summary>
    private sealed record SyncFailure(string Message);
}
