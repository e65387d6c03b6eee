using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;

namespace Liberty.Tests.LuaApi;

public sealed class LuaLogApiSpecs(ITestOutputHelper output)
    : LuaApiSpec(output, options: new LuaFrontEndOptions { LogLinesPerSecond = 10, LogBurst = 20 })
{
    [Fact]
    public async Task Log_LevelsThreadAndPrint_IntoTheTaskLog()
    {
        var task = Run("""
            function main()
              Libre_Log(0, "trace")
              Libertas_Log(5, "fatal")
              Libre_Log(9, "clamped")
              print("printed", 1, nil, true)
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        var entries = task.TaskLog.Tail(10);
        Assert.Equal([(0, "trace"), (5, "fatal"), (5, "clamped"), (2, "printed\t1\tnil\ttrue")], entries.Select(e => (e.Level, e.Text)));
        Assert.All(entries, e => Assert.True(e.Thread > 0));
    }

    [Fact]
    public async Task Log_LongLine_CutAt1024()
    {
        var task = Run("function main() Libre_Log(2, string.rep('x', 5000)) end");
        Assert.Equal(TaskState.Stopped, await Ended(task));
        var text = Assert.Single(Lines(task));
        Assert.Equal(1024, text.Length);
        Assert.EndsWith("...", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogFlood_RateLimited_CountedAndTaskKeepsRunning()
    {
        var task = Run("""
            function main()
              for i = 1, 1000 do Libre_Log(2, "flood " .. i) end
              Libre_Sleep(5000)
              Libre_Log(2, "after the flood")
              Libre_Wait()
            end
            """);
        // The flood runs in one slice: let it finish before virtual time moves (a refill would let more lines through).
        await AwaitConditionAsync(() => task.GetStatistics().LogLinesSuppressed >= 980, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5), "the flood to be cut");
        await LogLine(task, "after the flood", advance: TimeSpan.FromMilliseconds(250));
        Assert.Equal(TaskState.Running, task.State);
        var stats = task.GetStatistics();
        Assert.Equal(980, stats.LogLinesSuppressed);
        var lines = Lines(task);
        Assert.Equal(20, lines.Count(l => l.StartsWith("flood ", StringComparison.Ordinal)));
        Assert.Contains("log rate limit: 980 line(s) suppressed (980 in total)", lines);
    }

    [Fact]
    public async Task MessageText_WritesANotificationEntry()
    {
        var task = Run("function main() Libre_MessageText(3, nil, {4, 9}, 'DoorOpen', {door = 'front'}) end");
        Assert.Equal(TaskState.Stopped, await Ended(task));
        var entry = Assert.Single(task.TaskLog.Tail(10));
        Assert.Equal(3, entry.Level);
        Assert.Equal("notification to users 4, 9: DoorOpen {\"door\":\"front\"}", entry.Text);
    }
}

public sealed class LuaDataApiSpecs(ITestOutputHelper output) : LuaApiSpec(output)
{
    [Fact]
    public async Task Standalone_WriteReadErase_ValuesKeepTheirTypes()
    {
        var task = Run("""
            function main()
              Libre_DataWriteStandalone("n", 42)
              Libre_DataWriteStandalone("t", { a = "x", list = {1, 2} })
              Libre_DataWriteStandalone("s", "text")
              local t = Libre_DataReadStandalone("t")
              Libre_Log(2, string.format("%s %s %d %s %s", math.type(Libre_DataReadStandalone("n")), t.a, #t.list, Libre_DataReadStandalone("s"), tostring(Libre_DataReadStandalone("missing"))))
              Libre_DataEraseStandalone("s")
              Libre_Log(2, tostring(Libre_DataReadStandalone("s")))
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["integer x 2 text nil", "nil"], Lines(task));
        Assert.Equal(["n", "t"], task.Data.Values.Keys.Order());
    }

    [Fact]
    public async Task Standalone_BadValue_RaisesClearError()
    {
        var task = Run("function main()\n Libre_DataWriteStandalone('f', print)\nend");
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("app.lua:2: Libre_DataWriteStandalone: argument 2 (value) must be nil, a boolean, number, string or table, got function", task.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local t = {} for i = 1, 32 do t = { t } end", "tables are nested deeper than 32 levels")]
    [InlineData("local t = { a = { b = {} } } t.a.b.c = t", "the table contains itself (a cycle)")]
    [InlineData("local t = { list = {} } t.list[1] = t.list", "the table contains itself (a cycle)")]
    public async Task Standalone_TooDeepOrCyclic_RefusedAndNothingStored(string build, string why)
    {
        var task = Run($$"""
            function main()
              Libre_DataWriteStandalone("v", "before")
              {{build}}
              local ok, err = pcall(Libre_DataWriteStandalone, "v", t)
              Libre_Log(2, tostring(ok) .. " " .. tostring(err))
              Libre_Log(2, Libre_DataReadStandalone("v"))
            end
            """);

        Assert.Equal(TaskState.Stopped, await Ended(task));
        var lines = Lines(task);
        Assert.StartsWith("false ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith($"Libre_DataWriteStandalone: argument 2 (value) cannot be stored: {why}", lines[0], StringComparison.Ordinal);
        Assert.Equal("before", lines[1]);
    }

    [Fact]
    public async Task Standalone_ThirtyTwoLevelsAndSharedTables_StoredWhole()
    {
        var task = Run("""
            function main()
              local t = "leaf"
              for i = 1, 32 do t = { t } end
              local shared = { 1 }
              Libre_DataWriteStandalone("deep", t)
              Libre_DataWriteStandalone("shared", { a = shared, b = shared })
              local back, depth = Libre_DataReadStandalone("deep"), 0
              while type(back) == "table" do back, depth = back[1], depth + 1 end
              local s = Libre_DataReadStandalone("shared")
              Libre_Log(2, string.format("%d %s %d %d", depth, back, s.a[1], s.b[1]))
            end
            """);

        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["32 leaf 1 1"], Lines(task));
    }

    [Fact]
    public async Task TimeSeries_WriteStatRead_Bounded()
    {
        var task = Run("""
            function main()
              Libre_DataInitSchema({ temperature = "number" })
              local s = Libre_DataOpenTimeSeries("temperature")
              for i = 1, 5 do Libre_DataWriteTimeSeries(s, 20 + i, 1000 + i) end
              local n, index, st = Libertas_DataStatTimeSeries(s)
              Libre_Log(2, string.format("%d %d %d %d %d %d %d", n, index, st.count, st.first, st.last, st.min, st.max))
              local points = Libertas_DataReadTimeSeries(s, 1002, 1004)
              Libre_Log(2, string.format("%d %d %d", #points, points[1].t, points[3].v))
              Libre_Log(2, tostring(Libre_DataOpenTimeSeries("temperature") == s))
            end
            """);
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["5 1 5 1001 1005 21 25", "3 1002 24", "true"], Lines(task));
    }
}
