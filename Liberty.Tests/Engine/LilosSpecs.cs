using Liberty.Node.Engine;

namespace Liberty.Tests.Engine;

public sealed class LilosSpecs(ITestOutputHelper output) : EngineSpec(output)
{
    [Fact]
    public void YieldCpu_PendingExactlyOnce_EveryOtherReadyThreadRunsFirst_L1()
    {
        Start(async ctx =>
        {
            ctx.NewThread(async c => { Report("B"); await c.YieldCpu(); Report("B again"); });
            var yielding = ctx.YieldCpu();
            Report(yielding.IsCompleted ? "completed at once" : "pending");
            await yielding;
            Report("A resumed");
        });
        ExpectMsg("pending");
        ExpectMsg("B");
        ExpectMsg("A resumed");
        ExpectMsg("B again");
    }

    [Fact]
    public void SleepFor_CapturesNowWhenCalled_NotWhenAwaited_L2()
    {
        var start = Clock.GetUtcNow();
        Start(async ctx =>
        {
            var sleep = ctx.SleepFor(TimeSpan.FromSeconds(1));
            Clock.Advance(TimeSpan.FromMilliseconds(600));
            Report("armed");
            await sleep;
            Report(ctx.Time.GetUtcNow());
        });
        ExpectMsg("armed");
        Advance(TimeSpan.FromMilliseconds(400));
        ExpectMsg(start + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void SleepUntil_PastDeadline_ReturnsAtOnce_L2()
    {
        Start(async ctx =>
        {
            var sleep = ctx.SleepUntil(ctx.Time.GetUtcNow() - TimeSpan.FromSeconds(1));
            Report(sleep.IsCompleted);
            await sleep;
        });
        ExpectMsg(true);
    }

    [Fact]
    public void Sleeps_ShorterEndsFirst_EqualDeadlinesInCreationOrder_L2()
    {
        Start(async ctx =>
        {
            async Task Sleeper(ITaskContext c, string name, int ms)
            {
                var sleep = c.SleepFor(TimeSpan.FromMilliseconds(ms));
                Report($"{name} armed");
                await sleep;
                Report(name);
            }
            ctx.NewThread(c => Sleeper(c, "long", 300));
            ctx.NewThread(c => Sleeper(c, "equal-1", 200));
            ctx.NewThread(c => Sleeper(c, "equal-2", 200));
            await Sleeper(ctx, "short", 100);
        });
        ExpectMsgAllOf(["long armed", "equal-1 armed", "equal-2 armed", "short armed"]);
        Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(["short", "equal-1", "equal-2", "long"], ReceiveN(4).Cast<string>());
    }

    [Fact]
    public void WithTimeout_OperationFirst_ReturnsItsResult_L3()
    {
        Start(async ctx =>
        {
            var result = ctx.WithTimeout(TimeSpan.FromSeconds(2), async token => { await ctx.SleepFor(TimeSpan.FromSeconds(1), token); return "done"; });
            Report("started");
            Report(await result);
        });
        ExpectMsg("started");
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg(new TimeoutResult<string>(false, "done"));
    }

    [Fact]
    public void WithTimeout_DeadlineFirst_OperationCancelledAndItsCleanupRuns_L3()
    {
        Start(async ctx =>
        {
            var result = ctx.WithTimeout(TimeSpan.FromSeconds(1), async token =>
            {
                try
                {
                    await ctx.SleepFor(TimeSpan.FromSeconds(5), token);
                    return "done";
                }
                finally
                {
                    Report("cleanup");
                }
            });
            Report("started");
            Report(await result);
        });
        ExpectMsg("started");
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("cleanup");
        ExpectMsg(new TimeoutResult<string>(true, null));
    }

    [Fact]
    public void WithDeadline_TieWithTheOperation_DeadlineWins_L3()
    {
        Start(async ctx =>
        {
            var deadline = ctx.Time.GetUtcNow() + TimeSpan.FromSeconds(1);
            var result = ctx.WithDeadline(deadline, async token => { await ctx.SleepUntil(deadline, token); return "done"; });
            Report("started");
            Report(await result);
        });
        ExpectMsg("started");
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg(new TimeoutResult<string>(true, null));
    }

    [Fact]
    public void PeriodicGate_FirstAtOnce_AnchoredWithoutDrift_CatchesUp_L4()
    {
        var start = Clock.GetUtcNow();
        Start(async ctx =>
        {
            var gate = ctx.CreatePeriodicGate(TimeSpan.FromSeconds(1));
            var first = gate.Next();
            Report(first.IsCompleted);
            await first;
            // Work inside the slice does not shift the grid.
            Clock.Advance(TimeSpan.FromMilliseconds(300));
            var next = gate.Next();
            Report("waiting");
            await next;
            Report(ctx.Time.GetUtcNow());
            // Fall behind by 2.5 periods: the next two ticks are due already.
            Clock.Advance(TimeSpan.FromMilliseconds(2500));
            Report(gate.IsLagging);
            var a = gate.Next();
            var aDone = a.IsCompleted;
            await a;
            var b = gate.Next();
            var bDone = b.IsCompleted;
            await b;
            Report((aDone, bDone, gate.IsLagging));
        });
        ExpectMsg(true);
        ExpectMsg("waiting");
        Advance(TimeSpan.FromMilliseconds(700));
        ExpectMsg(start + TimeSpan.FromSeconds(1));
        ExpectMsg(true);
        ExpectMsg((true, true, false));
    }

    [Fact]
    public void Notify_WakesCurrentWaitersStoresNothing_UntilRechecksAfterEveryWake_L5()
    {
        var notify = new Notify();
        var ready = false;
        Start(async ctx =>
        {
            notify.Signal(); // nobody waits: lost
            ctx.NewThread(async c =>
            {
                Report("waiting");
                await notify.Until(() => ready);
                Report("condition held");
            });
            await ctx.YieldCpu();
            await ctx.YieldCpu();
            notify.Signal(); // spurious for the waiter: condition still false
            await ctx.YieldCpu();
            await ctx.YieldCpu();
            Report("signalled once");
            ready = true;
            notify.Signal();
        });
        ExpectMsg("waiting");
        ExpectMsg("signalled once");
        ExpectMsg("condition held");
    }

    [Fact]
    public void Mutex_HandsOffToTheOldestWaiter_NoBarging_TryLockFailsWhileHandingOff_L6()
    {
        var mutex = new Mutex<List<string>>([]);
        Start(async ctx =>
        {
            var guard = await mutex.Lock();
            ctx.NewThread(c => mutex.Perform((ref List<string> v) => v.Add("first waiter")));
            ctx.NewThread(c => mutex.Perform((ref List<string> v) => v.Add("second waiter")));
            await ctx.YieldCpu();
            guard.Dispose();
            // Handed to the first waiter, which has not resumed yet.
            Report(mutex.TryLock((ref List<string> v) => v.Add("barger")));
            await ctx.YieldCpu();
            await ctx.YieldCpu();
            await ctx.YieldCpu();
            await mutex.Perform((ref List<string> v) => Report(string.Join(",", v)));
        });
        ExpectMsg(false);
        ExpectMsg("first waiter,second waiter");
    }

    [Fact]
    public void Mutex_CancelledWhileQueued_LeavesTheQueue_L6()
    {
        var mutex = new Mutex<int>(0);
        Start(async ctx =>
        {
            var guard = await mutex.Lock();
            using var cancel = new CancellationTokenSource();
            var left = false;
            ctx.NewThread(async c =>
            {
                try
                {
                    await mutex.Perform((ref int v) => v++, cancel.Token);
                }
                catch (OperationCanceledException)
                {
                    left = true;
                    Report("cancelled");
                }
            });
            await ctx.YieldCpu();
            await cancel.CancelAsync();
            // Released only once the waiter has seen its cancellation: it left the queue, so the
            // release finds nobody to hand to.
            while (!left)
            {
                await ctx.YieldCpu();
            }
            guard.Dispose();
            Report(mutex.IsLocked);
            Report(mutex.TryLock((ref int v) => Report(v)));
        });
        ExpectMsg("cancelled");
        ExpectMsg(false);
        ExpectMsg(0);
        ExpectMsg(true);
    }

    [Fact]
    public void SpscQueue_HoldsExactlyCapacity_TryPushHandsBack_PushPopAwait_Fifo_L7()
    {
        var queue = new SpscQueue<int>(2);
        var (producer, consumer) = queue.Split();
        Assert.Throws<InvalidOperationException>(() => queue.Split());
        Start(async ctx =>
        {
            Report((producer.TryPush(1), producer.TryPush(2), producer.TryPush(3)));
            ctx.NewThread(async c =>
            {
                await producer.Push(3);
                Report("pushed 3");
                await producer.Push(4);
                Report("pushed 4");
            });
            await ctx.YieldCpu();
            Report(await consumer.Pop());
            Report(await consumer.Pop());
            Report(await consumer.Pop());
            Report(await consumer.Pop());
        });
        ExpectMsg((true, true, false));
        var messages = ReceiveN(6);
        Assert.Equal([1, 2, 3, 4], messages.OfType<int>());
        // Push 3 waited for space: it completed only after a pop made room.
        Assert.True(messages.ToList().IndexOf("pushed 3") > messages.ToList().IndexOf(1));
        Assert.Contains("pushed 4", messages);
    }
}
