using System.Collections.Concurrent;
using Liberty.Node.Engine;

namespace Liberty.Tests.LuaApi;

/// <summary>
/// Apps that hold the scheduler thread, on the real clock (the hand-off, event-model S8, is about OS threads,
/// so virtual time cannot show it): a neighbour's 100 ms ticker stays on time while they run. Bounds are
/// generous; the assertions are about lateness, never about speed.
/// </summary>
public sealed class LuaHandOffSpecs(ITestOutputHelper output)
    : LuaApiSpec(output, new EngineOptions { EventQueueCapacity = 8, WatchdogLimit = TimeSpan.FromSeconds(2), WatchdogCheckInterval = TimeSpan.FromMilliseconds(50) }, virtualTime: false)
{
    // The hand-off moves the neighbours on after 100 ms (plus a monitor period); without it a tick would wait out the
    // whole hog, 1.5 s or more. 600 ms tells the two apart by far and leaves room for a loaded CI machine (a tick
    // was seen 177 ms late there with the hand-off working).
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(600);

    /// <summary>Runs a C# task with a 100 ms ticker for <paramref name="ticks"/> ticks; returns each tick's lateness.</summary>
    private async Task<IReadOnlyList<TimeSpan>> Ticker(int ticks)
    {
        var lateness = new ConcurrentQueue<TimeSpan>();
        var clock = TimeProvider.System;
        var ticker = Host.StartTask("ticker", async ctx =>
        {
            var start = clock.GetUtcNow();
            for (var i = 1; i <= ticks; i++)
            {
                var due = start + TimeSpan.FromMilliseconds(100 * i);
                await ctx.SleepUntil(due);
                lateness.Enqueue(clock.GetUtcNow() - due);
            }
        });
        Assert.Equal(TaskState.Stopped, await ticker.WhenEnded.WaitAsync(TimeSpan.FromSeconds(60)));
        return [.. lateness];
    }

    private static void AssertOnTime(IReadOnlyList<TimeSpan> lateness)
    {
        var worst = lateness.Max();
        Assert.True(worst <= Tolerance, $"a tick was {worst.TotalMilliseconds:0} ms late (all: {string.Join(", ", lateness.Select(l => l.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} ms)");
    }

    [Fact]
    public async Task HandOff_LuaTaskSpinsForSeconds_NeighboursTickerStaysOnTime_S8()
    {
        var hog = Run("""
            function main()
              Libre_Log(2, "spinning")
              local s = liberty.monotonic()
              while liberty.monotonic() - s < 1.8 do end
              Libre_Log(2, "spun")
            end
            """);
        await LogLine(hog, "spinning");

        var lateness = await Ticker(12);

        Assert.DoesNotContain("spun", Lines(hog));
        AssertOnTime(lateness);
        await LogLine(hog, "spun");
        Assert.Equal(TaskState.Stopped, await Ended(hog));
        Assert.True(hog.Engine.LongestSlice >= TimeSpan.FromSeconds(1.5), $"longest slice {hog.Engine.LongestSlice}");
    }

    [Fact]
    public async Task HandOff_HogYieldingEverySecondAndAHalf_NeverKilled_NeighboursTickerStaysOnTime()
    {
        var hog = Run("""
            function main()
              for round = 1, 3 do
                Libre_Log(2, "round " .. round)
                local s = liberty.monotonic()
                while liberty.monotonic() - s < 1.5 do end
                Libre_Wait(0)
              end
              Libre_Log(2, "done")
            end
            """);
        await LogLine(hog, "round 1");

        var lateness = await Ticker(30);

        AssertOnTime(lateness);
        await LogLine(hog, "done");
        Assert.Equal(TaskState.Stopped, await Ended(hog));
    }

    [Theory]
    // A close handler that loops after the kill, and a pattern that spins inside C where no hook runs.
    [InlineData("""
        function main()
          local guard <close> = setmetatable({}, { __close = function() while true do end end })
          Libre_Log(2, "started")
          while true do end
        end
        """)]
    [InlineData("""
        function main()
          Libre_Log(2, "started")
          string.rep("a", 1200):find(".-.-.-b")
        end
        """)]
    public async Task Watchdog_HogThatTheKillCannotCutAtOnce_TaskInErrorAndNeighbourOnTime(string source)
    {
        var hog = Run(source);
        await LogLine(hog, "started");

        var lateness = await Ticker(30);

        AssertOnTime(lateness);
        Assert.Equal(TaskState.Error, await Ended(hog));
        Assert.Contains("killed by watchdog", hog.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ToALoopingHandlerOfAnotherTask_RefusedSoNoCodeRunsOnTheSendersSlice()
    {
        var receiver = Run("""
            function main()
              liberty.export("looping")
              liberty.onsend(function(event, data) while true do end end)
              Libre_Log(2, "listening " .. liberty.self())
              Libre_Wait()
            end
            """);
        var listening = await LogLine(receiver, "listening ");
        var threadId = listening.Text["listening ".Length..];
        var sender = Run($$"""
            function main()
              Libre_Log(2, "sent: " .. liberty.send({{threadId}}, 300, "x"))
            end
            """);

        await LogLine(sender, "sent: othertask");
        Assert.Equal(TaskState.Stopped, await Ended(sender));
        Assert.Equal(TaskState.Running, receiver.State);
        receiver.Stop();
        Assert.Equal(TaskState.Disabled, await Ended(receiver));
    }

    [Fact]
    public async Task Flood_ThreadThatNeverDrains_NeighboursTickerStaysOnTime()
    {
        var flooded = Run("""
            function main()
              Libre_Log(2, "waiting " .. liberty.self())
              while true do Libre_Wait(100) end
            end
            """);
        var waiting = await LogLine(flooded, "waiting ");
        var threadId = int.Parse(waiting.Text["waiting ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var handle = flooded.FindThread(threadId)!.Engine;
        for (var i = 0; i < 100; i++)
        {
            TaskHost.Post(handle, 0x200);
        }

        var lateness = await Ticker(15);

        AssertOnTime(lateness);
        Assert.Equal(TaskState.Running, flooded.State);
    }
}
