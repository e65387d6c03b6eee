using System.Text.RegularExpressions;
using Liberty.Node.Engine;

namespace Liberty.Tests.LuaApi;

public sealed class LuaTaskLifeSpecs(ITestOutputHelper output) : LuaApiSpec(output)
{
    [Fact]
    public async Task Stop_WaitingThreads_InterruptedAtOnceToBeClosedRunDisabled()
    {
        var task = Run("""
            function main()
              Libre_NewThread(function()
                local g <close> = setmetatable({}, { __close = function() Libre_Log(2, "b closed") end })
                Libre_Log(2, "b ready")
                Libre_Sleep(3600000)
              end)
              local g <close> = setmetatable({}, { __close = function() Libre_Log(2, "a closed") end })
              Libre_Log(2, "waiting")
              Libre_Wait()
            end
            """);
        await LogLine(task, "b ready");
        task.Stop();
        Assert.Equal(TaskState.Disabled, await Ended(task));
        Assert.Contains("a closed", Lines(task));
        Assert.Contains("b closed", Lines(task));
    }

    [Fact]
    public async Task UncaughtError_InOneThread_EndsOtherThreadsAndKeepsReason()
    {
        var task = Run("""
            function main()
              Libre_NewThread(function()
                local g <close> = setmetatable({}, { __close = function() Libre_Log(2, "other closed") end })
                Libre_Wait()
              end)
              Libre_Wait(0)
              local t = nil
              return t.field
            end
            """);
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:8: attempt to index a nil value (local 't')", task.Reason, StringComparison.Ordinal);
        Assert.Contains("in function 'main'", task.Traceback, StringComparison.Ordinal);
        Assert.Contains("other closed", Lines(task));
    }

    [Fact]
    public async Task ErrorInTopLevel_TaskInErrorBeforeEntryRuns()
    {
        var task = Run("""
            error("bad top level")
            function main() Libre_Log(2, "never") end
            """);
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:1: bad top level", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEntry_ErrorNamesTheEntries()
    {
        var task = Run("function a() end function b() end", "c");
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Equal("app.lua: no entry function 'c' (entries: a, b)", task.Reason);
    }

    [Fact]
    public async Task ReturnedTableStyle_EntryFound()
    {
        var task = Run("""
            local function Denon(host, port) Libre_Log(2, host .. ":" .. port) end
            return { DenonAVR = Denon }
            """, "DenonAVR", "10.0.0.5", 23L);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["10.0.0.5:23"], Lines(task));
    }

    [Fact]
    public async Task Arguments_ListsAndTables_ArriveAsLuaValues()
    {
        var task = Run("""
            function main(list, tab, flag, n)
              Libre_Log(2, string.format("%d %d %s %s %s %s", #list, list[2], tab.name, tostring(tab.nested[1]), tostring(flag), math.type(n)))
            end
            """, "main",
            new List<object?> { 10L, 20L },
            new Dictionary<string, object?> { ["name"] = "x", ["nested"] = new List<object?> { true } },
            false,
            1.5);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["2 20 x true false float"], Lines(task));
    }

    [Fact]
    public async Task MemoryBomb_EndsInErrorMemoryLimit()
    {
        var task = Run("""
            function main()
              local t = {}
              while true do t[#t + 1] = string.rep("x", 1000) .. #t end
            end
            """);
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.StartsWith("memory limit", task.Reason, StringComparison.Ordinal);
        Assert.True(task.GetStatistics().MemoryPeak > 0);
    }

    [Fact]
    public async Task FirstYield_CollectsTheGarbageOfTheStart()
    {
        // ~8 KB of garbage: below the collector's next threshold, so only the first-yield collection frees it.
        var task = Run("""
            function main()
              local junk = {}
              for i = 1, 100 do junk[i] = { i } end
              junk = nil
              local before = collectgarbage("count")
              Libre_Wait(0)
              print(string.format("freed %.0f KB (%.0f -> %.0f)", before - collectgarbage("count"), before, collectgarbage("count")))
            end
            """);
        var line = await LogLine(task, "freed");
        var freed = int.Parse(line.Text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(freed >= 5, $"expected the start's garbage to be collected at the first yield: {line.Text}");
    }

    [Fact]
    public async Task OnEnd_RunsOnceWhateverTheEnd()
    {
        var task = Run("function main() Libre_Wait() end");
        var runs = 0;
        task.OnEnd(() => runs++);
        task.Stop();
        await Ended(task);
        Assert.Equal(1, runs);
        task.OnEnd(() => runs += 10);
        Assert.Equal(11, runs);
    }

    [Fact]
    public async Task Statistics_CountThreadsQueueFullAndMemory()
    {
        var task = Run("""
            function main()
              Libre_NewThread(function() Libre_Sleep(3600000) end)
              Libre_Log(2, "ready")
              Libre_Sleep(3600000)
            end
            """);
        await LogLine(task, "ready");
        var handle = task.Threads[0].Engine;
        var full = 0;
        for (var i = 0; i < 20; i++)
        {
            if (TaskHost.Post(handle, 400 + i) == PostResult.Full)
            {
                full++;
            }
        }
        var stats = task.GetStatistics();
        Assert.Equal(2, stats.Threads);
        Assert.True(full > 0);
        Assert.Equal(full, stats.EventsDropped);
        Assert.True(stats.MemoryUsed > 0);
        task.Stop();
        await Ended(task);
        var after = task.GetStatistics();
        Assert.Equal(0, after.Threads);
        Assert.True(after.EventsDropped >= full + 8, $"dropped {after.EventsDropped}: the queued ones count as dead letters too");
    }
}

public sealed class LuaWatchdogSpecs(ITestOutputHelper output)
    : LuaApiSpec(output, new EngineOptions { EventQueueCapacity = 8, WatchdogLimit = TimeSpan.FromSeconds(1), WatchdogCheckInterval = TimeSpan.FromMilliseconds(100) })
{
    [Fact]
    public async Task Freeze_KilledByWatchdog_OtherTasksKeepRunning()
    {
        var ticker = Run("""
            function main()
              local n = 0
              while true do Libre_Wait(100); n = n + 1; Libre_Log(2, "tick " .. n) end
            end
            """);
        var frozen = Run("""
            function main()
              Libre_NewThread(function()
                local g <close> = setmetatable({}, { __close = function() Libre_Log(2, "other closed") end })
                Libre_Wait()
              end)
              Libre_Wait(0)
              Libre_Log(2, "freezing")
              while true do end
            end
            """);
        var cleanups = 0;
        frozen.OnEnd(() => cleanups++);
        await LogLine(frozen, "freezing");
        // The frozen slice holds the cooperative thread; advancing time makes the watchdog see it.
        await AdvanceUntilEnded(frozen, TimeSpan.FromMilliseconds(100));
        Assert.Equal(TaskState.Error, await Ended(frozen));
        Assert.Matches(new Regex(@"^killed by watchdog after \d+\.\d s without yielding in thread \d+$"), frozen.Reason);
        Assert.Equal(1, cleanups);
        Assert.Contains("other closed", Lines(frozen));
        var ticks = Lines(ticker).Length;
        await LogLine(ticker, $"tick {ticks + 3}", advance: TimeSpan.FromMilliseconds(100));
        Assert.Equal(TaskState.Running, ticker.State);
    }

    [Fact]
    public async Task InfiniteLoopInsidePcall_StillKilled()
    {
        var task = Run("""
            function main()
              Libre_Log(2, "go")
              while true do pcall(function() while true do end end) end
            end
            """);
        await LogLine(task, "go");
        await AdvanceUntilEnded(task, TimeSpan.FromMilliseconds(100));
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.StartsWith("killed by watchdog after ", task.Reason, StringComparison.Ordinal);
    }
}
