using Liberty.Node.Engine;

namespace Liberty.Tests.Engine;

public sealed class WaitSpecs(ITestOutputHelper output) : EngineSpec(output)
{
    private TaskThread StartWaiter(Func<ITaskContext, Task<WakeReason>> wait)
    {
        TaskThread? handle = null;
        Start(async ctx =>
        {
            handle = ctx.Thread;
            var waiting = wait(ctx);
            Report("waiting");
            Report(await waiting);
            Report(ctx.Time.GetUtcNow());
        });
        ExpectMsg("waiting");
        return handle!;
    }

    [Fact]
    public void Wait_Positive_ReturnsAtTheDeadlineWithoutEvents()
    {
        var start = Clock.GetUtcNow();
        StartWaiter(ctx => ctx.Wait(TimeSpan.FromMilliseconds(500)));
        Advance(TimeSpan.FromMilliseconds(499));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg(WakeReason.Deadline);
        ExpectMsg(start + TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Wait_Positive_ReturnsAsSoonAsAnEventIsQueued()
    {
        var start = Clock.GetUtcNow();
        var thread = StartWaiter(ctx => ctx.Wait(TimeSpan.FromSeconds(10)));
        Advance(TimeSpan.FromSeconds(1));
        TaskHost.Post(thread, 1);
        ExpectMsg(WakeReason.Event);
        ExpectMsg(start + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Wait_NoDeadline_WaitsForTheNextEventOnly()
    {
        var thread = StartWaiter(ctx => ctx.Wait());
        Advance(TimeSpan.FromDays(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        TaskHost.Poll(thread);
        ExpectMsg(WakeReason.Event);
    }

    [Fact]
    public void Wait_EventsAlreadyQueued_ReturnsAfterOneYield()
    {
        Start(async ctx =>
        {
            ctx.NewThread(async c => { Report("other ran"); await c.Wait(); });
            ctx.Post(ctx.Thread, 1);
            Report(await ctx.Wait());
        });
        ExpectMsg("other ran");
        ExpectMsg(WakeReason.Event);
    }

    [Fact]
    public void Wait_EventsLeftUntouched_AreAnnouncedOnce_NoBusyLoop_E11()
    {
        var start = Clock.GetUtcNow();
        TaskThread? thread = null;
        Start(async ctx =>
        {
            thread = ctx.Thread;
            ctx.Post(ctx.Thread, 1);
            ctx.Post(ctx.Thread, 2);
            // Never takes an event: only the first wait returns for them; the next ones run to their deadline.
            for (var i = 0; i < 4; i++)
            {
                Report((await ctx.Wait(TimeSpan.FromMilliseconds(100)), ctx.Time.GetUtcNow() - start));
            }
        });
        ExpectMsg((WakeReason.Event, TimeSpan.Zero));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(100));
        ExpectMsg((WakeReason.Deadline, TimeSpan.FromMilliseconds(100)));
        // A new arrival is news again, even with the old events still queued.
        Advance(TimeSpan.FromMilliseconds(30));
        TaskHost.Post(thread!, 3);
        ExpectMsg((WakeReason.Event, TimeSpan.FromMilliseconds(130)));
        Advance(TimeSpan.FromMilliseconds(100));
        ExpectMsg((WakeReason.Deadline, TimeSpan.FromMilliseconds(230)));
    }

    [Fact]
    public void Wait_ThreadDrainingOneEventPerWait_ReturnsAtOnceUntilTheQueueIsEmpty_E11()
    {
        var start = Clock.GetUtcNow();
        Start(async ctx =>
        {
            for (var n = 1; n <= 3; n++)
            {
                ctx.Post(ctx.Thread, n);
            }
            for (var i = 0; i < 4; i++)
            {
                var reason = await ctx.Wait(TimeSpan.FromMilliseconds(100));
                Report((reason, ctx.Time.GetUtcNow() - start, (ctx.GetEvent() as PostedEvent)?.Number));
            }
        });
        ExpectMsg((WakeReason.Event, TimeSpan.Zero, (int?)1));
        ExpectMsg((WakeReason.Event, TimeSpan.Zero, (int?)2));
        ExpectMsg((WakeReason.Event, TimeSpan.Zero, (int?)3));
        Advance(TimeSpan.FromMilliseconds(100));
        ExpectMsg((WakeReason.Deadline, TimeSpan.FromMilliseconds(100), (int?)null));
    }

    [Fact]
    public void WaitUntil_DeadlineInThePast_BehavesLikeWaitZero()
    {
        Start(async ctx =>
        {
            ctx.NewThread(async c => { Report("other ran"); await c.Wait(); });
            Report(await ctx.WaitUntil(ctx.Time.GetUtcNow() - TimeSpan.FromSeconds(1)));
        });
        ExpectMsg("other ran");
        ExpectMsg(WakeReason.Yielded);
    }

    [Fact]
    public void WaitUntil_ReturnsAtTheAbsoluteDeadline()
    {
        var deadline = Clock.GetUtcNow() + TimeSpan.FromSeconds(3);
        StartWaiter(ctx => ctx.WaitUntil(deadline));
        Advance(TimeSpan.FromSeconds(3));
        ExpectMsg(WakeReason.Deadline);
        ExpectMsg(deadline);
    }

    [Fact]
    public void Sleep_IgnoresEvents_TheyStayQueued()
    {
        TaskThread? handle = null;
        Start(async ctx =>
        {
            handle = ctx.Thread;
            var sleeping = ctx.SleepFor(TimeSpan.FromSeconds(2));
            Report("sleeping");
            await sleeping;
            Report(ctx.GetEvent()!);
        });
        ExpectMsg("sleeping");
        TaskHost.Post(handle!, 77);
        Advance(TimeSpan.FromSeconds(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg<PostedEvent>(e => e.Number == 77);
    }

    [Fact]
    public void GetEvent_OutsideTheThreadsCode_Throws()
    {
        ITaskContext? context = null;
        Start(async ctx => { context = ctx; Report("up"); await ctx.Wait(); });
        ExpectMsg("up");
        Assert.Throws<InvalidOperationException>(() => context!.GetEvent());
    }
}
