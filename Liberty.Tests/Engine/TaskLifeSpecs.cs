using Liberty.Node.Engine;

namespace Liberty.Tests.Engine;

public sealed class TaskLifeSpecs(ITestOutputHelper output) : EngineSpec(output)
{
    [Fact]
    public async Task Task_AllThreadsReturn_IsStopped()
    {
        var task = Start(async ctx =>
        {
            ctx.NewThread(c => c.YieldCpu());
            await ctx.YieldCpu();
        });
        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal("ended by itself: its last thread (2) returned", task.Reason);
    }

    [Fact]
    public async Task Task_UncaughtException_IsErrorWithReason_OtherThreadsStopped()
    {
        var task = Start(async ctx =>
        {
            ctx.NewThread(async c => { try { await c.Wait(); } finally { Report("other stopped"); } });
            await ctx.YieldCpu();
            throw new InvalidOperationException("bad sensor");
        });
        ExpectMsg("other stopped");
        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("bad sensor", task.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitThread_EndsTheCallingThreadAtOnce()
    {
        var task = Start(async ctx =>
        {
            await ctx.YieldCpu();
            ctx.ExitThread();
            Report("never");
        });
        Assert.Equal(TaskState.Stopped, await Ended(task));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void ExitThread_OfAnotherThread_StopsIt()
    {
        Start(async ctx =>
        {
            var other = ctx.NewThread(async c => { Report("other waiting"); await c.Wait(); });
            ctx.Watch(other);
            await ctx.YieldCpu();
            ctx.ExitThread(other);
            await ctx.Wait();
            Report(ctx.GetEvent()!);
        });
        ExpectMsg("other waiting");
        ExpectMsg<ThreadExitedEvent>(e => e.Outcome == ThreadOutcome.Stopped);
    }

    [Fact]
    public void EngineOptions_Invalid_AreRejectedNamingTheOption()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new EngineOptions { EventQueueCapacity = 0 }.Validate());
        Assert.Equal("EventQueueCapacity", ex.ParamName);
    }
}
