using Liberty.Node.Engine;

namespace Liberty.Tests.Engine;

public sealed class SchedulingSpecs(ITestOutputHelper output) : EngineSpec(output)
{
    [Fact]
    public void Slices_AllThreadsOnOneOsThread_AtMostOneAtATime_S1()
    {
        var inside = 0;
        var maxInside = 0;
        var osThreads = new HashSet<int>();
        async Task Body(ITaskContext ctx)
        {
            for (var i = 0; i < 20; i++)
            {
                var now = Interlocked.Increment(ref inside);
                maxInside = Math.Max(maxInside, now);
                lock (osThreads)
                {
                    osThreads.Add(Environment.CurrentManagedThreadId);
                }
                Interlocked.Decrement(ref inside);
                await ctx.YieldCpu();
            }
            Report("done");
        }
        Start(Body);
        Start(Body);
        Start(Body);
        ExpectMsg("done");
        ExpectMsg("done");
        ExpectMsg("done");
        Assert.Equal(1, maxInside);
        Assert.Single(osThreads);
        Assert.Equal(Dispatcher.Thread.ManagedThreadId, osThreads.Single());
    }

    [Fact]
    public void Wait_Zero_ResumesAfterEveryOtherReadyThread_S2()
    {
        async Task Loop(ITaskContext ctx, string name)
        {
            for (var i = 1; i <= 3; i++)
            {
                Report($"{name}{i}");
                await ctx.Wait(TimeSpan.Zero);
            }
        }
        Start(async ctx =>
        {
            ctx.NewThread(c => Loop(c, "B"));
            ctx.NewThread(c => Loop(c, "C"));
            await Loop(ctx, "A");
        });
        var order = ReceiveN(9).Cast<string>();
        Assert.Equal(["A1", "B1", "C1", "A2", "B2", "C2", "A3", "B3", "C3"], order);
    }

    [Fact]
    public void Post_ToWaitingThread_TakesEffectAfterThePostersSlice_S3()
    {
        Start(async ctx =>
        {
            var b = ctx.NewThread(async c =>
            {
                Report("B waiting");
                await c.Wait();
                Report("B woke");
            });
            await ctx.YieldCpu();
            await ctx.YieldCpu();
            ctx.Post(b, 300);
            Report("A after post");
            await ctx.YieldCpu();
            Report("A resumed");
        });
        ExpectMsg("B waiting");
        ExpectMsg("A after post");
        ExpectMsg("B woke");
        ExpectMsg("A resumed");
    }

    [Fact]
    public void Wait_WokenByAStaleTimerEvent_ChangesNothingVisible_S4()
    {
        Start(async ctx =>
        {
            var timer = ctx.StartTimer(TimeSpan.FromSeconds(1));
            var sleep = ctx.SleepFor(TimeSpan.FromSeconds(2));
            Report("armed");
            await sleep;
            // The expiry is queued; stopping the timer makes it stale.
            timer.Stop();
            Report(ctx.GetEvent() ?? "none");
        });
        ExpectMsg("armed");
        Advance(TimeSpan.FromSeconds(2));
        ExpectMsg("none");
    }

    [Fact]
    public void Idle_AllThreadsWaiting_NoSliceRuns_S5()
    {
        TaskThread? thread = null;
        Start(async ctx =>
        {
            thread = ctx.Thread;
            Report("waiting");
            await ctx.Wait();
        });
        ExpectMsg("waiting");
        // The thread's actor is created asynchronously: an answer from it means its start has run too.
        thread!.ActorRef.Tell(new Akka.Actor.Identify(1), TestActor);
        ExpectMsg<Akka.Actor.ActorIdentity>();
        AwaitCondition(() => Dispatcher.ReadyCount == 0 && !Dispatcher.TryGetCurrentSlice(out _));
        var slices = Dispatcher.SliceCount;
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(slices, Dispatcher.SliceCount);
    }

    [Fact]
    public void Slice_EndIsObserved_LongestSlicePerTaskRecorded_S6()
    {
        var task = Start(async ctx =>
        {
            // Virtual time moves inside the slice: the slice lasts exactly 300 ms of it.
            Clock.Advance(TimeSpan.FromMilliseconds(300));
            await ctx.YieldCpu();
            Clock.Advance(TimeSpan.FromMilliseconds(100));
            await ctx.YieldCpu();
            Report("done");
        });
        ExpectMsg("done");
        AwaitCondition(() => task.State == TaskState.Stopped);
        Assert.Equal(TimeSpan.FromMilliseconds(300), task.LongestSlice);
        Assert.True(task.BusyTime >= TimeSpan.FromMilliseconds(400));
    }
}
