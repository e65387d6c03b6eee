using Liberty.Node.Engine;

namespace Liberty.Tests.Engine;

public sealed class InterruptSpecs(ITestOutputHelper output) : EngineSpec(output)
{
    [Fact]
    public void Interrupt_SeveralBeforeSeen_AreOne_I1()
    {
        Start(async ctx =>
        {
            ctx.Interrupt(ctx.Thread);
            ctx.Interrupt(ctx.Thread);
            ctx.Interrupt(ctx.Thread);
            var first = await ctx.Interruptible(_ => Task.FromResult("ran"));
            var second = await ctx.Interruptible(_ => Task.FromResult("ran"));
            Report(first);
            Report(second);
        });
        ExpectMsg(new InterruptibleResult<string>(true, null));
        ExpectMsg(new InterruptibleResult<string>(false, "ran"));
    }

    [Fact]
    public void Region_OpenedWithInterruptPending_ReturnsInterruptedAtOnceWithoutStartingTheCall_I2()
    {
        Start(async ctx =>
        {
            ctx.Interrupt(ctx.Thread);
            var started = false;
            var slices = Dispatcher.SliceCount;
            var result = await ctx.Interruptible(async token => { started = true; await ctx.SleepFor(TimeSpan.FromSeconds(1), token); return 1; });
            Report((result.Interrupted, started, Dispatcher.SliceCount == slices));
        });
        ExpectMsg((true, false, true));
    }

    [Fact]
    public void Region_InterruptedDuringTheCall_ReturnsInterruptedAndCleanupRan_I3()
    {
        TaskThread? handle = null;
        Start(async ctx =>
        {
            handle = ctx.Thread;
            var result = await ctx.Interruptible(async token =>
            {
                try
                {
                    Report("blocking");
                    await ctx.SleepFor(TimeSpan.FromHours(1), token);
                    return "slept";
                }
                finally
                {
                    Report("cleanup");
                }
            });
            Report(result);
            Report(await ctx.Interruptible(_ => Task.FromResult("flag cleared")));
        });
        ExpectMsg("blocking");
        TaskHost.Interrupt(handle!);
        ExpectMsg("cleanup");
        ExpectMsg(new InterruptibleResult<string>(true, null));
        ExpectMsg(new InterruptibleResult<string>(false, "flag cleared"));
    }

    [Fact]
    public void Region_InterruptAndCompletionAtTheSameMoment_InterruptWins_I3()
    {
        Start(async ctx =>
        {
            var self = ctx.Thread;
            var result = await ctx.Interruptible(async token =>
            {
                // The call completes in the same slice that interrupts it.
                await ctx.YieldCpu();
                ctx.Interrupt(self);
                return "completed";
            });
            Report(result);
        });
        ExpectMsg(new InterruptibleResult<string>(true, null));
    }

    [Fact]
    public void Interrupt_OutsideARegion_StaysPending_ZeroSleepDoesNotConsumeIt_I4()
    {
        Start(async ctx =>
        {
            ctx.Interrupt(ctx.Thread);
            await ctx.SleepFor(TimeSpan.Zero);
            await ctx.YieldCpu();
            Report(await ctx.Interruptible(_ => Task.FromResult(1)));
        });
        ExpectMsg(new InterruptibleResult<int>(true, 0));
    }

    [Fact]
    public void StopTask_InterruptsEveryThreadWhateverItsRegion_FinallyAndDisposeAsyncRun_I5()
    {
        var task = Start(async ctx =>
        {
            ctx.NewThread(async c =>
            {
                try
                {
                    Report("b waiting");
                    await c.Wait();
                }
                finally
                {
                    Report("b finally");
                }
            });
            await using var resource = new Resource(() => Report("a disposed"));
            Report("a sleeping");
            await ctx.SleepFor(TimeSpan.FromDays(1));
        });
        ExpectMsgAllOf(["b waiting", "a sleeping"]);
        Host.StopTask(task);
        Assert.Equal(TaskState.Disabled, task.State);
        ExpectMsgAllOf(["b finally", "a disposed"]);
        AwaitCondition(() => task.LiveThreads == 0);
        Assert.Equal(TaskState.Disabled, task.State);
    }

    private sealed class Resource(Action onDispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            onDispose();
            return ValueTask.CompletedTask;
        }
    }
}
