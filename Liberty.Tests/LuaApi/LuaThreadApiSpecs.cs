using Liberty.Node.Engine;

namespace Liberty.Tests.LuaApi;

public sealed class LuaThreadApiSpecs(ITestOutputHelper output) : LuaApiSpec(output)
{
    [Fact]
    public async Task WaitZero_TwoThreads_Alternate()
    {
        var task = Run("""
            local function worker(name)
              for i = 1, 3 do Libre_Log(2, name .. i); Libre_Wait(0) end
            end
            function main()
              Libre_NewThread(worker, "b")
              worker("a")
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["a1", "b1", "a2", "b2", "a3", "b3"], Lines(task));
    }

    [Fact]
    public async Task NewThread_FirstRunsAtCallersNextYield_WithArguments()
    {
        var task = Run("""
            function main()
              local id = Libre_NewThread(function(x, y) Libre_Log(2, "child " .. x .. " " .. y) end, 7, "z")
              Libre_Log(2, "started " .. math.type(id))
              Libre_Wait(0)
              Libre_Log(2, "parent again")
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["started integer", "child 7 z", "parent again"], Lines(task));
    }

    [Fact]
    public async Task WaitMs_NoEvent_ReturnsAtTheDeadline()
    {
        var task = Run("""
            function main()
              Libre_Log(2, "before")
              Libre_Wait(1000)
              Libre_Log(2, "after")
            end
            """);
        var before = await LogLine(task, "before");
        var after = await LogLine(task, "after", advance: TimeSpan.FromMilliseconds(50));
        Assert.InRange(after.Time - before.Time, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1100));
        Assert.Equal(TaskState.Stopped, await Ended(task));
    }

    [Fact]
    public async Task WaitMs_EventPosted_ReturnsEarlyAndGetEventDrains()
    {
        var task = Run("""
            function main()
              Libre_Log(2, "waiting")
              Libre_Wait(60000)
              local e = Libre_GetEvent()
              Libre_Log(2, string.format("t=%d ev=%d data=%s from=%s", e.t, e.ev, e.data.k, tostring(e.from)))
              Libre_Log(2, "next " .. tostring(Libre_GetEvent()))
            end
            """);
        await LogLine(task, "waiting");
        var handle = task.Threads.Single().Engine;
        Assert.Equal(PostResult.Ok, TaskHost.Post(handle, 300, new Dictionary<string, object?> { ["k"] = "v" }));
        await LogLine(task, "t=20 ev=300 data=v from=nil");
        await LogLine(task, "next nil");
        Assert.Equal(TaskState.Stopped, await Ended(task));
    }

    [Fact]
    public async Task WaitNil_WaitsUntilAnEvent()
    {
        var task = Run("""
            function main()
              Libre_Log(2, "waiting")
              Libre_Wait()
              Libre_Log(2, "woke " .. Libre_GetEvent().ev)
            end
            """);
        await LogLine(task, "waiting");
        await AdvanceInStepsAsync(TimeSpan.FromHours(1));
        Assert.DoesNotContain(Lines(task), l => l.StartsWith("woke", StringComparison.Ordinal));
        TaskHost.Post(task.Threads.Single().Engine, 301);
        await LogLine(task, "woke 301");
    }

    [Fact]
    public async Task WaitUntil_AbsoluteTime_ReturnsThen()
    {
        var task = Run("""
            function main()
              local start = liberty.now()
              Libre_Log(2, "before")
              Libre_WaitUntil(start + 2.5)
              Libre_Log(2, "after")
              Libre_WaitUntil(start - 100)
              Libre_Log(2, "past is a yield")
            end
            """);
        var before = await LogLine(task, "before");
        var after = await LogLine(task, "after", advance: TimeSpan.FromMilliseconds(100));
        Assert.InRange(after.Time - before.Time, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2.7));
        await LogLine(task, "past is a yield");
    }

    [Fact]
    public async Task Sleep_EventQueued_KeepsSleepingAndEventStaysQueued()
    {
        var task = Run("""
            function main()
              Libre_Log(2, "sleeping")
              Libre_Sleep(1000)
              local e = Libre_GetEvent()
              Libre_Log(2, "slept; event " .. e.ev)
            end
            """);
        var start = await LogLine(task, "sleeping");
        TaskHost.Post(task.Threads.Single().Engine, 302);
        var end = await LogLine(task, "slept; event 302", advance: TimeSpan.FromMilliseconds(50));
        Assert.True(end.Time - start.Time >= TimeSpan.FromSeconds(1), $"slept only {end.Time - start.Time}");
    }

    [Fact]
    public async Task ExitThread_NoArgument_EndsCallerOnly()
    {
        var task = Run("""
            function main()
              Libre_NewThread(function() Libre_Wait(0); Libre_Log(2, "other still runs") end)
              Libre_ExitThread()
              Libre_Log(2, "never")
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["other still runs"], Lines(task));
    }

    [Fact]
    public async Task ExitThread_OtherThread_StopsItAndRunsItsToBeClosedVariables()
    {
        var task = Run("""
            function main()
              local child = Libre_NewThread(function()
                local guard <close> = setmetatable({}, { __close = function() Libre_Log(2, "child closed") end })
                Libre_Wait()
                Libre_Log(2, "never")
              end)
              Libre_Wait(0)
              Libre_ExitThread(child)
              Libre_Wait(0)
              Libre_Log(2, "main done")
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["child closed", "main done"], Lines(task));
    }

    [Fact]
    public async Task ExitThread_UnknownThread_RaisesAtTheCallersLine()
    {
        var task = Run("""
            function main()
              Libre_ExitThread(99999)
            end
            """);
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:2: Libre_ExitThread: thread 99999 is not a live thread of this task", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyThread_WakesAWaitingThreadWithoutAnEvent()
    {
        var task = Run("""
            function main()
              local sleeper = Libre_NewThread(function()
                Libre_Wait(3600000)
                Libre_Log(2, "woken, event " .. tostring(Libre_GetEvent()))
              end)
              Libre_Wait(0)
              Libertas_NotifyThread(sleeper)
            end
            """);
        await LogLine(task, "woken, event nil");
        Assert.Equal(TaskState.Stopped, await Ended(task));
    }

    [Fact]
    public async Task Yield_IsWaitZero()
    {
        var task = Run("""
            function main()
              Libre_NewThread(function() Libre_Log(2, "other") end)
              Libre_Yield()
              Libertas_Yield()
              Libre_Log(2, "me")
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["other", "me"], Lines(task));
    }

    [Fact]
    public async Task Wait_InsideAppCoroutine_FailsWithClearMessage()
    {
        var task = Run("""
            function main()
              local ok, err = pcall(coroutine.wrap(function() Libre_Wait(10) end))
              Libre_Log(2, tostring(err))
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Contains("Libre_Wait: must be called from a task thread, not from inside a coroutine the app created", Lines(task)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task BareCoroutineYield_InTaskThread_IsAYield()
    {
        var task = Run("""
            function main()
              Libre_NewThread(function() Libre_Log(2, "other") end)
              coroutine.yield()
              Libre_Log(2, "me")
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["other", "me"], Lines(task));
    }

    [Fact]
    public async Task NewThread_PostedToBeforeItFirstRuns_IsWokenByEveryPost()
    {
        var task = Run("""
            function main()
              local w = Libre_NewThread(function()
                while true do
                  Libre_Wait()
                  local got = {}
                  local e = Libre_GetEvent()
                  while e do
                    got[#got + 1] = tostring(e.ev)
                    e = Libre_GetEvent()
                  end
                  Libre_Log(2, "woke " .. table.concat(got, " "))
                end
              end)
              for n = 301, 303 do
                liberty.post(w, n)
                Libre_Log(2, "posted " .. n)
                Libre_Sleep(100)
              end
            end
            """);
        await LogLine(task, "woke 303", advance: TimeSpan.FromMilliseconds(10));
        Assert.Equal(["posted 301", "woke 301", "posted 302", "woke 302", "posted 303", "woke 303"], Lines(task));
    }

    [Fact]
    public async Task ThreadIds_AreIntegersAndDistinct()
    {
        var task = Run("""
            function main()
              local a = Libre_NewThread(function() end)
              local b = Libre_NewThread(function() end)
              Libre_Log(2, string.format("%s %s %s", math.type(a), math.type(b), tostring(a ~= b)))
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["integer integer true"], Lines(task));
    }
}
