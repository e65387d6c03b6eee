using Liberty.Node.Engine;

namespace Liberty.Tests.LuaApi;

public sealed class LuaTimerSpecs(ITestOutputHelper output) : LuaApiSpec(output)
{
    [Fact]
    public async Task TimerNew_OneShot_CallsBackWithTagAndTimer()
    {
        var task = Run("""
            function main()
              local t
              t = Libre_TimerNew(500, function(tag, timer)
                Libre_Log(2, string.format("fired %s %s", tag, tostring(timer == t)))
              end, "my-tag")
              Libre_Log(2, "armed")
              Libre_WaitReactive()
            end
            """);
        var armed = await LogLine(task, "armed");
        var fired = await LogLine(task, "fired my-tag true", advance: TimeSpan.FromMilliseconds(50));
        Assert.InRange(fired.Time - armed.Time, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(600));
        await AdvanceInStepsAsync(TimeSpan.FromSeconds(5));
        Assert.Single(Lines(task), l => l.StartsWith("fired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TimerZero_OnHoldUntilUpdated_UpdateCanReplaceCallback()
    {
        var task = Run("""
            function main()
              local t = Libre_TimerNew(0, function() Libre_Log(2, "old callback") end, "a")
              Libre_NewThread(function() end)
              Libre_TimerUpdate(t, 200, function(tag) Libre_Log(2, "new callback " .. tag) end)
              Libre_Log(2, "updated")
              Libre_WaitReactive()
            end
            """);
        await LogLine(task, "updated");
        await LogLine(task, "new callback a", advance: TimeSpan.FromMilliseconds(50));
        Assert.DoesNotContain("old callback", Lines(task));
    }

    [Fact]
    public async Task TimerCancel_NoCallbackFollows_PeriodicByRearming()
    {
        var task = Run("""
            function main()
              local n = 0
              local doomed = Libre_TimerNew(300, function() Libre_Log(2, "doomed fired") end)
              Libre_TimerCancel(doomed)
              local periodic
              periodic = Libre_TimerNew(100, function()
                n = n + 1
                Libre_Log(2, "tick " .. n)
                if n < 3 then Libre_TimerUpdate(periodic, 100) else Libre_ExitThread() end
              end)
              Libre_WaitReactive()
            end
            """);
        await LogLine(task, "tick 3", advance: TimeSpan.FromMilliseconds(50));
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.DoesNotContain("doomed fired", Lines(task));
    }

    [Fact]
    public async Task TimerCancel_Twice_RaisesClearError()
    {
        var task = Run("""
            function main()
              local t = Libre_TimerNew(100, function() end)
              Libre_TimerCancel(t)
              Libre_TimerCancel(t)
            end
            """);
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:4: Libre_TimerCancel: timer 1 does not exist", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimerNew_BadCallback_RaisesAtCallersLine()
    {
        var task = Run("function main()\n Libre_TimerNew(100, 'nope')\nend");
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:2: Libre_TimerNew: argument 2 (cb) must be a function, got string", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReactiveCallbackError_EndsTaskInErrorWithTraceback()
    {
        var task = Run("""
            function main()
              Libre_TimerNew(10, function() error("in callback") end)
              Libre_WaitReactive()
            end
            """);
        await AdvanceUntilEnded(task, TimeSpan.FromMilliseconds(10));
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:2: in callback", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImperativeThread_SeesTimerAsT23()
    {
        var task = Run("""
            function main()
              local t = Libre_TimerNew(100, function() end)
              Libre_Wait()
              local e = Libre_GetEvent()
              Libre_Log(2, string.format("t=%d same=%s", e.t, tostring(e.id == t)))
            end
            """);
        await LogLine(task, "t=23 same=true", advance: TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task ReactiveLoop_UnroutedEventsAreDroppedAndCounted()
    {
        var task = Run("""
            function main()
              Libre_Log(2, "me " .. liberty.self())
              Libre_TimerNew(1000, function() Libre_Log(2, "timer still works") end)
              Libre_WaitReactive()
            end
            """);
        var me = (await LogLine(task, "me ")).Text[3..];
        TaskHost.Post(task.FindThread(long.Parse(me, System.Globalization.CultureInfo.InvariantCulture))!.Engine, 900);
        await LogLine(task, "timer still works", advance: TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, task.UnroutedEvents);
    }
}
