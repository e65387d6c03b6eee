using Liberty.Node.Engine;

namespace Liberty.Tests.Engine;

public sealed class WatchdogSpecs(ITestOutputHelper output)
    : EngineSpec(output, new EngineOptions { EventQueueCapacity = 4, WatchdogLimit = TimeSpan.FromSeconds(5), WatchdogCheckInterval = TimeSpan.FromMilliseconds(100) })
{
    [Fact]
    public async Task Watchdog_SliceOverTheLimit_TaskInError_OtherTasksAndTheirTimersKeepRunning_S7()
    {
        using var gate = new ManualResetEventSlim(false);
        var healthy = Start(async ctx =>
        {
            for (var i = 1; ; i++)
            {
                var sleep = ctx.SleepFor(TimeSpan.FromSeconds(1));
                Report($"tick {i}");
                await sleep;
            }
        }, "healthy");
        ExpectMsg("tick 1");
        var hog = Start(async ctx =>
        {
            ctx.NewThread(async c => { try { await c.Wait(); } finally { Report("hog's other thread ran its finally"); } });
            await ctx.YieldCpu();
            Report("hogging");
            // Blocks the cooperative thread: the bug the watchdog exists for.
            gate.Wait();
        }, "hog");
        ExpectMsg("hogging");
        Advance(TimeSpan.FromSeconds(5.1));
        Assert.Equal(TaskState.Error, await Ended(hog));
        Assert.Equal("killed by watchdog after 5.1 s without yielding in thread 2", hog.Reason);
        // The hog still holds its OS thread: the other tasks went on on a fresh one (S8).
        AwaitCondition(() => Dispatcher.HandOffCount == 1 && Dispatcher.StuckThreadCount == 1);
        // A slice that cannot be cut: every thread of its task ends without running more code (they share
        // state with the stuck slice), so the other thread's finally does not run.
        ExpectMsg("tick 2");
        Assert.Equal(0, hog.LiveThreads);
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick 3");
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick 4");
        Assert.Equal(TaskState.Running, healthy.State);
        gate.Set();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watchdog_SlicesUnderTheLimit_NothingHappens_S7()
    {
        var task = Start(async ctx =>
        {
            for (var i = 0; i < 3; i++)
            {
                Clock.Advance(TimeSpan.FromSeconds(4));
                await ctx.YieldCpu();
            }
            Report("done");
        });
        ExpectMsg("done");
        AwaitCondition(() => task.State == TaskState.Stopped);
        Assert.Equal(0, Dispatcher.HandOffCount);
    }
}
