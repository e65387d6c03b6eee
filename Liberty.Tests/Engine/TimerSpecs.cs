using Liberty.Node.Engine;

namespace Liberty.Tests.Engine;

public sealed class TimerSpecs(ITestOutputHelper output) : EngineSpec(output)
{
    [Fact]
    public void Timer_Expiry_PostsTimerToItsOwnerOnly_T1()
    {
        EngineTimer? timer = null;
        Start(async ctx =>
        {
            ctx.NewThread(async c =>
            {
                var waiting = c.Wait(TimeSpan.FromSeconds(5));
                Report("other waiting");
                await waiting;
                Report(c.GetEvent() ?? "other got nothing");
            });
            timer = ctx.StartTimer(TimeSpan.FromSeconds(1));
            await ctx.YieldCpu();
            Report("armed");
            await ctx.Wait();
            Report(ctx.GetEvent()!);
        });
        ExpectMsg("other waiting");
        ExpectMsg("armed");
        Advance(TimeSpan.FromSeconds(1));
        Assert.Same(timer, ExpectMsg<TimerEvent>().Timer);
        Advance(TimeSpan.FromSeconds(4));
        ExpectMsg("other got nothing");
    }

    [Fact]
    public void Timer_SetOutsideAnyThread_IsAnError_T1()
    {
        ITaskContext? context = null;
        Start(async ctx => { context = ctx; Report("up"); await ctx.Wait(); });
        ExpectMsg("up");
        Assert.Throws<InvalidOperationException>(() => context!.StartTimer(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Timer_ResetIsDriftFree_RestartIsFromNow_T2()
    {
        var start = Clock.GetUtcNow();
        Start(async ctx =>
        {
            var timer = ctx.StartTimer(TimeSpan.FromSeconds(1));
            Report("armed");
            await ctx.Wait();
            ctx.GetEvent();
            // 300 ms of "work" inside the slice before re-arming.
            Clock.Advance(TimeSpan.FromMilliseconds(300));
            timer.Reset();
            Report(timer.Expiration);
            await ctx.Wait();
            ctx.GetEvent();
            Clock.Advance(TimeSpan.FromMilliseconds(300));
            timer.Restart();
            Report(timer.Expiration);
        });
        ExpectMsg("armed");
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg(start + TimeSpan.FromSeconds(2));
        Advance(TimeSpan.FromMilliseconds(700));
        ExpectMsg(start + TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(300) + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Timer_Stop_NoEventFollows_T2()
    {
        Start(async ctx =>
        {
            var timer = ctx.StartTimer(TimeSpan.FromSeconds(1));
            timer.Stop();
            var waiting = ctx.Wait(TimeSpan.FromSeconds(2));
            Report("waiting");
            Report(await waiting);
            Report(ctx.GetEvent() ?? "nothing");
        });
        ExpectMsg("waiting");
        Advance(TimeSpan.FromSeconds(2));
        ExpectMsg(WakeReason.Deadline);
        ExpectMsg("nothing");
    }

    [Fact]
    public void Timer_ExpiryFindsQueueFull_IsRetriedNotLost_T3()
    {
        Start(async ctx =>
        {
            var timer = ctx.StartTimer(TimeSpan.FromSeconds(1));
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(PostResult.Ok, ctx.Post(ctx.Thread, i));
            }
            var sleep = ctx.SleepFor(TimeSpan.FromSeconds(2));
            Report("full");
            await sleep;
            var events = new List<object>();
            while (ctx.GetEvent() is { } e)
            {
                events.Add(e);
            }
            Report(events);
        });
        ExpectMsg("full");
        Advance(TimeSpan.FromSeconds(2));
        var events = ExpectMsg<List<object>>();
        Assert.Equal(5, events.Count);
        Assert.IsType<TimerEvent>(events[^1]);
    }

    [Fact]
    public void Timer_OwnerEnds_TimersRemoved_T4()
    {
        var task = Start(async ctx =>
        {
            var first = ctx.StartTimer(TimeSpan.FromSeconds(10));
            var second = ctx.StartTimer(TimeSpan.FromSeconds(20));
            Report((first, second, Clock.ActiveTimerCount, first.IsRunning && second.IsRunning));
            await ctx.YieldCpu();
        });
        var (first, second, armed, running) = ExpectMsg<(EngineTimer, EngineTimer, int, bool)>();
        Assert.True(running);
        AwaitCondition(() => task.State == TaskState.Stopped);
        Assert.False(first.IsRunning);
        Assert.False(second.IsRunning);
        // Their clock timers went too (Akka's scheduler shares the clock and may have armed timers of its own since).
        Assert.True(Clock.ActiveTimerCount < armed, $"{Clock.ActiveTimerCount} clock timers armed after the end, {armed} while both ran");
    }

    [Fact]
    public void Timers_VirtualTime_FireInDeadlineOrderTiesInCreationOrder_T5()
    {
        Start(async ctx =>
        {
            var names = new Dictionary<EngineTimer, string>
            {
                [ctx.StartTimer(TimeSpan.FromSeconds(3))] = "c3",
                [ctx.StartTimer(TimeSpan.FromSeconds(1))] = "a1",
                [ctx.StartTimer(TimeSpan.FromSeconds(2))] = "b2-first",
                [ctx.StartTimer(TimeSpan.FromSeconds(2))] = "b2-second",
            };
            var sleep = ctx.SleepFor(TimeSpan.FromSeconds(5));
            Report("armed");
            await sleep;
            while (ctx.GetEvent() is TimerEvent e)
            {
                Report(names[e.Timer]);
            }
        });
        ExpectMsg("armed");
        Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["a1", "b2-first", "b2-second", "c3"], ReceiveN(4).Cast<string>());
    }
}
