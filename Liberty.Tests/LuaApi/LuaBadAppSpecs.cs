using Liberty.Node.Engine;

namespace Liberty.Tests.LuaApi;

/// <summary>Apps that misbehave: each is refused or ends in Error, and the other tasks carry on.</summary>
public sealed class LuaBadAppSpecs(ITestOutputHelper output)
    : LuaApiSpec(output, new EngineOptions { EventQueueCapacity = 8, WatchdogLimit = TimeSpan.FromSeconds(1), WatchdogCheckInterval = TimeSpan.FromMilliseconds(100) })
{
    [Theory]
    [InlineData("io.open('/etc/passwd')", "attempt to index a nil value (global 'io')")]
    [InlineData("os.execute('ls')", "attempt to call a nil value (field 'execute')")]
    [InlineData("require('socket')", "attempt to call a nil value (global 'require')")]
    [InlineData("assert(load(string.char(27) .. 'Lua'))", "attempt to load a binary chunk")]
    [InlineData("debug.getinfo(1)", "attempt to index a nil value (global 'debug')")]
    [InlineData("string.dump(print)", "attempt to call a nil value (field 'dump')")]
    [InlineData("setmetatable(_G, {})", "cannot change a protected metatable")]
    [InlineData("dofile('/etc/passwd')", "attempt to call a nil value (global 'dofile')")]
    [InlineData("package.loadlib('x', 'y')", "attempt to index a nil value (global 'package')")]
    [InlineData("collectgarbage('stop')", "collectgarbage")]
    public async Task SandboxEscape_Refused_TaskInErrorWithLine(string escape, string expected)
    {
        var task = Run($"function main()\n  {escape}\nend");
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains(expected, task.Reason, StringComparison.Ordinal);
        Assert.Contains("app.lua:2:", task.Reason + task.Traceback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeepRecursion_EndsInError()
    {
        var task = Run("""
            local function deeper(n) return 1 + deeper(n + 1) end
            function main() deeper(1) end
            """);
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.True(
            task.Reason!.Contains("stack overflow", StringComparison.Ordinal) || task.Reason.StartsWith("memory limit", StringComparison.Ordinal),
            task.Reason);
    }

    [Fact]
    public async Task NeverDrainingThread_EventsDroppedAndCounted_ItsWaitsDoNotSpin_OtherTasksOnTime()
    {
        var ticker = Run("""
            function main()
              local t0 = liberty.now()
              local n = 0
              local timer
              timer = Libre_TimerNew(100, function()
                n = n + 1
                Libre_Log(2, string.format("tick %d at %.1f", n, liberty.now() - t0))
                Libre_TimerUpdate(timer, 100)
              end)
              Libre_WaitReactive()
            end
            """);
        // Waits in a loop and never takes an event: a full queue must not turn Libre_Wait(100) into a busy loop.
        var hoarder = Run("""
            function main()
              liberty.export("hoarder")
              Libre_Log(2, "ready")
              local waits = 0
              while true do
                Libre_Wait(100)
                waits = waits + 1
                if waits <= 20 then Libre_Log(2, "waits " .. waits) end
              end
            end
            """);
        await LogLine(hoarder, "ready");
        var spammer = Run("""
            function main()
              local to = liberty.lookup("hoarder")
              local full = 0
              for i = 1, 50 do if liberty.post(to, 600 + i) == "full" then full = full + 1 end end
              Libre_Log(2, "full " .. full)
            end
            """);
        await LogLine(spammer, "full 42");
        Assert.Equal(42, hoarder.GetStatistics().EventsDropped);
        await LogLine(ticker, "tick 5 at 0.5", advance: TimeSpan.FromMilliseconds(20));
        // Half a second of 100 ms waits: about five deadlines and one return for the flood, not hundreds of returns.
        Assert.DoesNotContain("waits 9", Lines(hoarder));
        Assert.Contains("waits 4", Lines(hoarder));
        Assert.Equal(TaskState.Running, hoarder.State);
    }

    [Fact]
    public async Task Freeze_OtherTasksTimersStillFire()
    {
        var ticker = Run("""
            function main()
              local n = 0
              while true do Libre_Wait(200); n = n + 1; Libre_Log(2, "tick " .. n) end
            end
            """);
        await LogLine(ticker, "tick 1", advance: TimeSpan.FromMilliseconds(50));
        var frozen = Run("function main() Libre_Log(2, 'freeze') while true do local x = {} end end");
        await LogLine(frozen, "freeze");
        await AdvanceUntilEnded(frozen, TimeSpan.FromMilliseconds(100));
        Assert.Equal(TaskState.Error, await Ended(frozen));
        var before = Lines(ticker).Length;
        await LogLine(ticker, $"tick {before + 2}", advance: TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task TopLevelInfiniteLoop_KilledWhileLoading()
    {
        var task = Run("while true do end\nfunction main() end");
        await AdvanceUntilEnded(task, TimeSpan.FromMilliseconds(100));
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.StartsWith("killed by watchdog", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopLevelWait_RefusedWithClearMessage()
    {
        var task = Run("Libre_Wait(10)\nfunction main() end");
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("Libre_Wait", task.Reason, StringComparison.Ordinal);
    }
}
