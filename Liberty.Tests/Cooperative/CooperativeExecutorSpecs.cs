using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Liberty.Actors;
using Liberty.Actors.Cooperative;
using Liberty.Tests.Support;

namespace Liberty.Tests.Cooperative;

/// <summary>
/// The cooperative executor behind the cooperative dispatcher (event-model S1–S3, S5, S6, S8), on the real
/// clock: the hand-off is about OS threads. Bounds are generous; nothing asserts on speed.
/// </summary>
public sealed class CooperativeExecutorSpecs(ITestOutputHelper output) : LibertyTestKit(output, configure: o => o.Cooperative.HandOffThreshold = TimeSpan.FromMilliseconds(50))
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell((m, Environment.CurrentManagedThreadId)));
    }

    private sealed class Recorder : ICooperativeSliceObserver
    {
        public ConcurrentQueue<(string What, CooperativeSlice Slice)> Seen { get; } = new();

        public void SliceStarted(in CooperativeSlice slice) => Seen.Enqueue(("start", slice));

        public void SliceEnded(in CooperativeSlice slice, long endTimestamp) => Seen.Enqueue(("end", slice));
    }

    private CooperativeContext Context(string owner, object? group = null) => Cooperative.CreateContext(owner, group ?? owner);

    [Fact]
    public void Actor_OnTheCooperativeDispatcher_RunsOnTheExecutorsThread_S1()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()).WithDispatcher(LibertyActorSystem.CooperativeDispatcherId));
        echo.Tell("hi");
        var (_, thread) = ExpectMsg<(object, int)>(Patience);
        Assert.Equal(Cooperative.Thread.ManagedThreadId, thread);
    }

    [Fact]
    public void Post_SeveralContexts_RunInPostingOrder_S2()
    {
        var order = new ConcurrentQueue<string>();
        var gate = new ManualResetEventSlim();
        var first = Context("first");
        first.Post(_ => gate.Wait(Patience), null);
        foreach (var name in new[] { "a", "b", "c", "a" })
        {
            var context = Context(name);
            context.Post(_ => order.Enqueue(name), null);
        }
        gate.Set();
        AwaitCondition(() => order.Count == 4, Patience);
        Assert.Equal(["a", "b", "c", "a"], order);
    }

    [Fact]
    public void Await_InCooperativeCode_ResumesOnItsContextBehindReadyWork_S2_S3()
    {
        var order = new ConcurrentQueue<string>();
        var a = Context("a");
        var b = Context("b");
        a.Post(async _ =>
        {
            order.Enqueue("a1");
            b.Post(_ => order.Enqueue("b"), null);
            await Task.Yield();
            order.Enqueue(SynchronizationContext.Current == a ? "a2 on a" : "a2 elsewhere");
        }, null);
        AwaitCondition(() => order.Count == 3, Patience);
        Assert.Equal(["a1", "b", "a2 on a"], order);
    }

    [Fact]
    public void Observer_EverySlice_StartAndEndAreSeenWithTheirContext_S6()
    {
        var recorder = new Recorder();
        Cooperative.Observer = recorder;
        var context = Context("observed");
        var done = new ManualResetEventSlim();
        context.Post(_ => done.Set(), null);
        Assert.True(done.Wait(Patience));
        AwaitCondition(() => recorder.Seen.Any(s => s.What == "end" && ReferenceEquals(s.Slice.Context, context)), Patience);
        var mine = recorder.Seen.Where(s => ReferenceEquals(s.Slice.Context, context)).ToList();
        Assert.Equal(["start", "end"], mine.Select(s => s.What));
        Assert.Equal(mine[0].Slice.Id, mine[1].Slice.Id);
        Cooperative.Observer = null;
    }

    [Fact]
    public void Observer_MailboxRunsOnTheRealClock_AreCountedButNotTimed_S6()
    {
        var recorder = new Recorder();
        Cooperative.Observer = recorder;
        var echo = Sys.ActorOf(Props.Create(() => new Echo()).WithDispatcher(LibertyActorSystem.CooperativeDispatcherId));
        echo.Tell("warm up");
        ExpectMsg<(object, int)>(Patience);
        var before = Cooperative.SliceCount;
        echo.Tell("counted");
        ExpectMsg<(object, int)>(Patience);
        AwaitCondition(() => Cooperative.SliceCount > before, Patience);
        Assert.DoesNotContain(recorder.Seen, s => s.Slice.Context is null);
        Cooperative.Observer = null;
    }

    private sealed class Blocker : ReceiveActor
    {
        public Blocker(ManualResetEventSlim started, ManualResetEventSlim release) => ReceiveAny(_ =>
        {
            started.Set();
            release.Wait(Patience);
            Sender.Tell("released");
        });
    }

    [Fact]
    public async Task HandOff_ActorBlockingInItsMailboxRun_IsHandedOffLikeTaskCode_S8()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocker = Sys.ActorOf(Props.Create(() => new Blocker(started, release)).WithDispatcher(LibertyActorSystem.CooperativeDispatcherId));
        blocker.Tell("block");
        Assert.True(started.Wait(Patience));
        var other = Context("other");
        var ran = new TaskCompletionSource<int>();
        other.Post(_ => ran.SetResult(Environment.CurrentManagedThreadId), null);

        await ran.Task.WaitAsync(Patience);
        var stuck = Assert.Single(Cooperative.GetStuckSlices());
        Assert.Null(stuck.Slice.Context);
        // Untimed while it ran, it was stamped when the monitor first saw it: a real start, before now.
        Assert.InRange(stuck.Slice.StartTimestamp, 1, TimeProvider.System.GetTimestamp());
        release.Set();
        ExpectMsg("released", Patience);
        AwaitCondition(() => Cooperative.StuckThreadCount == 0, Patience);
        Assert.True(Cooperative.LongestSliceTimestampTicks >= TimeProvider.System.TimestampFrequency / 20, "the handed-off run's time was recorded");
    }

    [Fact]
    public void IdleHook_NothingReady_RunsBeforeSleeping_S5()
    {
        var idle = new ManualResetEventSlim();
        Cooperative.IdleHook = idle.Set;
        Context("x").Post(_ => { }, null);
        Assert.True(idle.Wait(Patience), "the idle hook did not run after the queue emptied");
        Cooperative.IdleHook = null;
    }

    [Fact]
    public void Abandon_QueuedAndLaterContinuations_AreDropped()
    {
        var ran = new ConcurrentQueue<string>();
        var gate = new ManualResetEventSlim();
        var blocker = Context("blocker");
        var victim = Context("victim");
        var witness = Context("witness");
        blocker.Post(_ => gate.Wait(Patience), null);
        victim.Post(_ => ran.Enqueue("victim"), null);
        victim.Abandon();
        victim.Post(_ => ran.Enqueue("victim later"), null);
        witness.Post(_ => ran.Enqueue("witness"), null);
        gate.Set();
        AwaitCondition(() => ran.Contains("witness"), Patience);
        Assert.Equal(["witness"], ran);
    }

    [Fact]
    public async Task HandOff_SliceRunsPastTheThreshold_OtherWorkContinuesOnAFreshThread_S8()
    {
        var release = new ManualResetEventSlim();
        var hogThread = 0;
        var hog = Context("hog");
        hog.Post(_ =>
        {
            hogThread = Environment.CurrentManagedThreadId;
            release.Wait(Patience);
        }, null);
        var other = Context("other");
        var otherThread = new TaskCompletionSource<int>();
        other.Post(_ => otherThread.SetResult(Environment.CurrentManagedThreadId), null);

        var fresh = await otherThread.Task.WaitAsync(Patience);
        Assert.NotEqual(hogThread, fresh);
        Assert.Equal(1, Cooperative.HandOffCount);
        Assert.Equal(1, Cooperative.StuckThreadCount);
        Assert.Contains(Cooperative.GetRunningSlices(), s => ReferenceEquals(s.Context, hog));
        var stuck = Assert.Single(Cooperative.GetStuckSlices());
        Assert.Same(hog, stuck.Slice.Context);
        Assert.NotNull(OsThread.CpuTime(stuck.OsThreadId));

        release.Set();
        AwaitCondition(() => Cooperative.StuckThreadCount == 0, Patience);
        Assert.Equal(fresh, Cooperative.Thread.ManagedThreadId);
    }

    [Fact]
    public void HandOff_WorkOfTheStuckSlicesGroup_WaitsUntilTheSliceEnds_S8()
    {
        var release = new ManualResetEventSlim();
        var events = new ConcurrentQueue<string>();
        var task = new object();
        var hog = Context("hog", task);
        var sibling = Context("sibling", task);
        var stranger = Context("stranger");
        hog.Post(_ =>
        {
            release.Wait(Patience);
            events.Enqueue("hog ended");
        }, null);
        sibling.Post(_ => events.Enqueue("sibling ran"), null);
        stranger.Post(_ => events.Enqueue("stranger ran"), null);

        AwaitCondition(() => events.Contains("stranger ran"), Patience);
        Assert.DoesNotContain("sibling ran", events);
        release.Set();
        AwaitCondition(() => events.Contains("sibling ran"), Patience);
        Assert.Equal(["stranger ran", "hog ended", "sibling ran"], events);
    }

    [Fact]
    public void HandOff_ActorMessagesDuringAStuckSlice_AreHandledByTheFreshThread_S8()
    {
        var release = new ManualResetEventSlim();
        Context("hog").Post(_ => release.Wait(Patience), null);
        var echo = Sys.ActorOf(Props.Create(() => new Echo()).WithDispatcher(LibertyActorSystem.CooperativeDispatcherId));
        echo.Tell("during");
        ExpectMsg<(object, int)>(Patience);
        release.Set();
    }
    [Fact]
    public async Task CreateTimer_RealClock_FiresOnTheRunnerNeverBeforeItsDeadline_S5()
    {
        var fired = new TaskCompletionSource<(long At, bool OnRunner)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = TimeProvider.System;
        var armed = clock.GetTimestamp();
        using var timer = Cooperative.CreateTimer(_ => fired.TrySetResult((clock.GetTimestamp(), Cooperative.IsOnRunnerThread)), null, TimeSpan.FromMilliseconds(30));
        var (at, onRunner) = await fired.Task.WaitAsync(Patience);
        Assert.True(onRunner, "the runner serves the timer");
        Assert.True(clock.GetElapsedTime(armed, at) >= TimeSpan.FromMilliseconds(30), $"fired after {clock.GetElapsedTime(armed, at).TotalMilliseconds} ms");
    }

    [Fact]
    public void CreateTimer_SeveralDeadlines_FireInDeadlineOrderTiesInCreationOrder_S2()
    {
        var order = new ConcurrentQueue<string>();
        var gate = new ManualResetEventSlim();
        // The runner is held while the timers are armed and fall due, so all of them are due at the next check.
        Context("holder").Post(_ => gate.Wait(Patience), null);
        var armed = Stopwatch.GetTimestamp();
        var timers = new[] { ("c", 20), ("a", 10), ("b", 10), ("d", 20) }
            .Select(t => Cooperative.CreateTimer(_ => order.Enqueue(t.Item1), null, TimeSpan.FromMilliseconds(t.Item2)))
            .ToList();
        // Release the runner only once every deadline has passed.
        AwaitCondition(() => Stopwatch.GetElapsedTime(armed) > TimeSpan.FromMilliseconds(25), Patience, TimeSpan.FromMilliseconds(5));
        gate.Set();
        AwaitCondition(() => order.Count == 4, Patience);
        Assert.Equal(["a", "b", "c", "d"], order);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void CreateTimer_Disposed_NeverFires()
    {
        var disposedFired = 0;
        var laterFired = 0;
        var timer = Cooperative.CreateTimer(_ => Interlocked.Increment(ref disposedFired), null, TimeSpan.FromMilliseconds(20));
        var later = Cooperative.CreateTimer(_ => Interlocked.Increment(ref laterFired), null, TimeSpan.FromMilliseconds(60));
        timer.Dispose();
        Assert.True(later.Change(TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan));
        // Timers fire in deadline order (S2): once the later one fired, the disposed one's deadline is long past.
        AwaitCondition(() => Volatile.Read(ref laterFired) == 1, Patience);
        Assert.Equal(0, Volatile.Read(ref disposedFired));
        later.Dispose();
    }

    [Fact]
    public void CreateTimer_WhileReadyWorkKeepsTheRunnerBusy_FiresBetweenSlices_S3()
    {
        var events = new ConcurrentQueue<string>();
        var context = Context("busy");
        var stop = false;
        var fired = new ManualResetEventSlim();
        // A chain of slices that re-posts itself: the runner never goes idle while the timer falls due.
        SendOrPostCallback step = null!;
        step = _ =>
        {
            events.Enqueue("slice");
            // A slice that works for a millisecond.
            var until = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 1000);
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(10);
            }
            if (!Volatile.Read(ref stop))
            {
                context.Post(step, null);
            }
        };
        context.Post(step, null);
        using var timer = Cooperative.CreateTimer(_ =>
        {
            events.Enqueue(Cooperative.TryGetCurrentSlice(out CooperativeSlice _) ? "timer inside a slice" : "timer");
            fired.Set();
        }, null, TimeSpan.FromMilliseconds(20));
        Assert.True(fired.Wait(Patience), "the timer fired while slices kept coming");
        Volatile.Write(ref stop, true);
        Assert.Contains("timer", events);
        Assert.DoesNotContain("timer inside a slice", events);
    }
}
