using System.Collections.Concurrent;
using Liberty.Actors;
using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>
/// The cooperative dispatcher's own statements (event-model S1–S7 as far as the kernel goes; the
/// contract at the top of CooperativeDispatcher.cs): one thread, round-robin in arrival order, wakes
/// after the slice, awaits resume on the thread, observable slices, idle hook, abandoning a stuck
/// thread, disposal. Each spec uses a fresh dispatcher so queues and slice ids start clean.
/// </summary>
public sealed class CooperativeDispatcherTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    private static int s_nextId;
    private readonly List<IDisposable> _dispatchers = [];

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            if (disposing)
            {
                foreach (var d in _dispatchers)
                {
                    d.Dispose();
                }
            }
        }
    }

    /// <summary>A fresh dispatcher registered in Sys, disposed after the system has terminated.</summary>
    private CooperativeDispatcher NewDispatcher(int throughput = 1, ICooperativeSliceObserver? observer = null, Action? idleHook = null)
    {
        var id = $"coop-test-{Interlocked.Increment(ref s_nextId)}";
        var dispatcher = new CooperativeDispatcher(id, throughput, id) { Observer = observer, IdleHook = idleHook };
        _dispatchers.Add(dispatcher);
        Sys.Dispatchers.Register(dispatcher);
        return dispatcher;
    }

    private IActorRef Spawn(CooperativeDispatcher dispatcher, Func<ActorBase> factory)
    {
        var actor = Sys.ActorOf(Props.Create(factory).WithDispatcher(dispatcher.Id));
        // Make sure it has been created before the spec starts queueing work.
        actor.Tell(new Identify("ready"), TestActor);
        ExpectMsg<ActorIdentity>();
        return actor;
    }

    private static int CurrentThreadId => Environment.CurrentManagedThreadId;

    // ---- actors ----

    /// <summary>Tells the target what it got (with its name and thread); blocks on the gate for "block".</summary>
    private sealed class Recorder : ReceiveActor
    {
        public Recorder(string name, IActorRef target, ManualResetEventSlim? gate = null, ConcurrentQueue<(string Message, int Thread)>? log = null)
        {
            Receive<string>(_ =>
            {
                target.Tell($"{name}:entered");
                if (gate is not null && !gate.Wait(TimeSpan.FromSeconds(10)))
                {
                    throw new TimeoutException("The gate was never opened.");
                }
                log?.Enqueue(("block-returned", CurrentThreadId));
            }, s => s == "block");
            ReceiveAny(m =>
            {
                log?.Enqueue((m.ToString()!, CurrentThreadId));
                target.Tell(m);
            });
        }
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter()
        {
            Receive<string>(m => Sender.Tell((m, CurrentThreadId)));
            ReceiveAsync<Task>(async pending =>
            {
                var before = CurrentThreadId;
                await pending;
                var afterPending = CurrentThreadId;
                await Task.Yield();
                Sender.Tell((before, afterPending, CurrentThreadId));
            });
        }
    }

    private sealed class SliceReporter : ReceiveActor
    {
        public SliceReporter(CooperativeDispatcher dispatcher)
        {
            Receive<string>(_ =>
            {
                Assert.True(dispatcher.TryGetCurrentSlice(out var slice));
                Sender.Tell(slice);
            });
            ReceiveAsync<Task>(async pending =>
            {
                dispatcher.TryGetCurrentSlice(out var before);
                await pending;
                dispatcher.TryGetCurrentSlice(out var after);
                Sender.Tell((before, after));
            });
        }
    }

    private sealed class Waker : ReceiveActor
    {
        public Waker(IActorRef other, ConcurrentQueue<string> log, IActorRef target)
        {
            Receive<string>(_ =>
            {
                log.Enqueue("A-start");
                other.Tell("wake");
                SynchronizationContext.Current!.Post(_ =>
                {
                    log.Enqueue("posted");
                }, null);
                Self.Tell("self");
                log.Enqueue("A-end");
            }, s => s == "go");
            Receive<string>(_ =>
            {
                log.Enqueue("A-self");
                target.Tell("done");
            }, s => s == "self");
        }
    }

    private sealed class Logger : ReceiveActor
    {
        public Logger(string name, ConcurrentQueue<string> log) => ReceiveAny(m => log.Enqueue($"{name}-{m}"));
    }

    private sealed record SliceEvent(bool Started, CooperativeSlice Slice, long EndTimestamp);

    private sealed class RecordingObserver : ICooperativeSliceObserver
    {
        private readonly ConcurrentQueue<SliceEvent> _events = new();
        private int _ended;

        public int Ended => Volatile.Read(ref _ended);

        public IReadOnlyList<SliceEvent> Events => [.. _events];

        public void SliceStarted(in CooperativeSlice slice) => _events.Enqueue(new SliceEvent(true, slice, 0));

        public void SliceEnded(in CooperativeSlice slice, long endTimestamp)
        {
            _events.Enqueue(new SliceEvent(false, slice, endTimestamp));
            Interlocked.Increment(ref _ended);
        }
    }

    // ---- S1: one thread ----

    [Fact]
    public async Task Thread_HandlersAwaitContinuationsAndBarePosts_AllRunOnTheOneDispatcherThread()
    {
        var dispatcher = NewDispatcher();
        var a = Spawn(dispatcher, () => new ThreadReporter());
        var b = Spawn(dispatcher, () => new ThreadReporter());
        var expected = dispatcher.Thread.ManagedThreadId;
        Assert.NotEqual(CurrentThreadId, expected);

        a.Tell("a", TestActor);
        b.Tell("b", TestActor);
        var seen = new List<int> { ExpectMsg<(string, int)>().Item2, ExpectMsg<(string, int)>().Item2 };

        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Tell(pending.Task, TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        pending.SetResult();
        var (before, afterPending, afterYield) = ExpectMsg<(int, int, int)>();
        seen.AddRange([before, afterPending, afterYield]);

        var bare = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.SynchronizationContext.Post(_ => bare.SetResult(CurrentThreadId), null);
        seen.Add(await bare.Task.WaitAsync(TimeSpan.FromSeconds(3)));

        // An async flow started by a bare post keeps its continuations on the thread.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new TaskCompletionSource<(int, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.SynchronizationContext.Post(_ => RunFlow(), null);
        gate.SetResult();
        var (flowBefore, flowAfter) = await flow.Task.WaitAsync(TimeSpan.FromSeconds(3));
        seen.AddRange([flowBefore, flowAfter]);

        Assert.All(seen, id => Assert.Equal(expected, id));
        Assert.Equal(0, dispatcher.AbandonedThreads);

        async void RunFlow()
        {
            var start = CurrentThreadId;
            await gate.Task;
            flow.SetResult((start, CurrentThreadId));
        }
    }

    [Fact]
    public void Constructor_Defaults_ThroughputOneAndNamedThread()
    {
        var dispatcher = NewDispatcher();

        Assert.Equal(1, dispatcher.Throughput);
        Assert.Equal(dispatcher.Id, dispatcher.Thread.Name);
        Assert.True(dispatcher.Thread.IsBackground);
        Assert.False(dispatcher.IsOnDispatcherThread);
    }

    // ---- S2: round-robin in arrival order ----

    [Fact]
    public void Fairness_ThreeActorsWithQueuedMessages_RunRoundRobinInArrivalOrder()
    {
        var dispatcher = NewDispatcher(throughput: 1);
        using var gate = new ManualResetEventSlim();
        var blocker = Spawn(dispatcher, () => new Recorder("blocker", TestActor, gate));
        var actors = "ABC".Select(n => Spawn(dispatcher, () => new Recorder(n.ToString(), TestActor))).ToArray();

        blocker.Tell("block", ActorRefs.NoSender);
        ExpectMsg("blocker:entered");
        for (var i = 0; i < 3; i++)
        {
            for (var m = 1; m <= 3; m++)
            {
                actors[i].Tell($"{"ABC"[i]}{m}", ActorRefs.NoSender);
            }
        }
        gate.Set();

        Assert.Equal("A1 B1 C1 A2 B2 C2 A3 B3 C3", string.Join(' ', ReceiveN(9)));
    }

    [Fact]
    public void Fairness_BarePostQueuedBetweenActors_TakesItsTurnInArrivalOrder()
    {
        var dispatcher = NewDispatcher(throughput: 1);
        using var gate = new ManualResetEventSlim();
        var blocker = Spawn(dispatcher, () => new Recorder("blocker", TestActor, gate));
        var a = Spawn(dispatcher, () => new Recorder("A", TestActor));
        var b = Spawn(dispatcher, () => new Recorder("B", TestActor));
        var testActor = TestActor;

        blocker.Tell("block", ActorRefs.NoSender);
        ExpectMsg("blocker:entered");
        a.Tell("A1", ActorRefs.NoSender);
        a.Tell("A2", ActorRefs.NoSender);
        dispatcher.SynchronizationContext.Post(_ => testActor.Tell("P", ActorRefs.NoSender), null);
        b.Tell("B1", ActorRefs.NoSender);
        gate.Set();

        Assert.Equal("A1 P B1 A2", string.Join(' ', ReceiveN(4)));
    }

    // ---- S3: a wake during a slice takes effect after it ----

    [Fact]
    public void Wake_DuringASlice_TakesEffectAfterTheSliceInArrivalOrder()
    {
        var dispatcher = NewDispatcher();
        var log = new ConcurrentQueue<string>();
        var b = Spawn(dispatcher, () => new Logger("B", log));
        var a = Spawn(dispatcher, () => new Waker(b, log, TestActor));

        a.Tell("go", ActorRefs.NoSender);

        ExpectMsg("done");
        Assert.Equal(["A-start", "A-end", "B-wake", "posted", "A-self"], log);
    }

    // ---- await resumes on the thread, as a new slice ----

    [Fact]
    public void Await_InsideReceiveAsync_ResumesInALaterSliceOfTheSameActor()
    {
        var dispatcher = NewDispatcher();
        var actor = Spawn(dispatcher, () => new SliceReporter(dispatcher));
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        actor.Tell(pending.Task, TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        pending.SetResult();

        var (before, after) = ExpectMsg<(CooperativeSlice, CooperativeSlice)>();
        Assert.Equal(actor, before.Actor);
        Assert.Equal(actor, after.Actor);
        Assert.True(after.Id > before.Id, $"the continuation ran in slice {after.Id}, not after {before.Id}");
    }

    // ---- S6: observable slices ----

    [Fact]
    public void Observer_SeveralActors_SeesStartEndPairsWithTheirActorsAndMonotonicTimestamps()
    {
        var observer = new RecordingObserver();
        var dispatcher = NewDispatcher(observer: observer);
        var a = Spawn(dispatcher, () => new Recorder("A", TestActor));
        var b = Spawn(dispatcher, () => new Recorder("B", TestActor));
        var startedBefore = observer.Events.Count(e => e.Started);

        a.Tell("a1", ActorRefs.NoSender);
        ExpectMsg("a1");
        b.Tell("b1", ActorRefs.NoSender);
        ExpectMsg("b1");
        a.Tell("a2", ActorRefs.NoSender);
        ExpectMsg("a2");
        AwaitCondition(() => observer.Ended == startedBefore + 3, TimeSpan.FromSeconds(3));

        var events = observer.Events;
        Assert.Equal(observer.Ended, dispatcher.SliceCount);
        for (var i = 0; i < events.Count; i += 2)
        {
            Assert.True(events[i].Started, $"event {i} should be a start");
            Assert.False(events[i + 1].Started, $"event {i + 1} should be an end");
            Assert.Equal(events[i].Slice, events[i + 1].Slice);
            Assert.True(events[i + 1].EndTimestamp >= events[i].Slice.StartTimestamp);
            if (i > 0)
            {
                Assert.True(events[i].Slice.Id > events[i - 2].Slice.Id);
                Assert.True(events[i].Slice.StartTimestamp >= events[i - 1].EndTimestamp);
            }
        }
        Assert.Equal([a, b, a], events.Skip(2 * startedBefore).Where(e => e.Started).Select(e => e.Slice.Actor));
        Assert.True(dispatcher.BusyTimestampTicks >= dispatcher.LongestSliceTimestampTicks);
    }

    [Fact]
    public void TryGetCurrentSlice_DuringAndAfterASlice_ReportsTheRunningSliceThenNone()
    {
        var observer = new RecordingObserver();
        var idleRuns = 0;
        var dispatcher = NewDispatcher(observer: observer, idleHook: () => Interlocked.Increment(ref idleRuns));
        using var gate = new ManualResetEventSlim();
        var reporter = Spawn(dispatcher, () => new SliceReporter(dispatcher));
        var blocked = Spawn(dispatcher, () => new Recorder("blocked", TestActor, gate));

        reporter.Tell("which", TestActor);
        var inside = ExpectMsg<CooperativeSlice>();
        Assert.Equal(reporter, inside.Actor);

        blocked.Tell("block", ActorRefs.NoSender);
        ExpectMsg("blocked:entered");
        Assert.True(dispatcher.TryGetCurrentSlice(out var running));
        Assert.Equal(blocked, running.Actor);
        Assert.True(running.Id > inside.Id);
        Assert.Equal(running, observer.Events[^1].Slice);
        Assert.True(observer.Events[^1].Started);

        var idleBefore = Volatile.Read(ref idleRuns);
        gate.Set();
        AwaitCondition(() => Volatile.Read(ref idleRuns) > idleBefore, TimeSpan.FromSeconds(3));
        Assert.False(dispatcher.TryGetCurrentSlice(out var none));
        Assert.Equal(0, none.Id);
    }

    // ---- S5: idle hook ----

    [Fact]
    public void IdleHook_NothingReady_RunsOnTheDispatcherThreadThenSleeps()
    {
        var idleRuns = 0;
        var idleThread = 0;
        var dispatcher = NewDispatcher(idleHook: () =>
        {
            Volatile.Write(ref idleThread, CurrentThreadId);
            Interlocked.Increment(ref idleRuns);
        });
        var testActor = TestActor;

        dispatcher.SynchronizationContext.Post(_ => testActor.Tell("ran", ActorRefs.NoSender), null);
        ExpectMsg("ran");
        AwaitCondition(() => Volatile.Read(ref idleRuns) > 0, TimeSpan.FromSeconds(3));
        var afterWork = Volatile.Read(ref idleRuns);
        // Idle means asleep: nothing runs the hook again until work arrives (one spurious wake is allowed, S4).
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Assert.Equal(dispatcher.Thread.ManagedThreadId, Volatile.Read(ref idleThread));
        Assert.InRange(Volatile.Read(ref idleRuns) - afterWork, 0, 1);
    }

    [Fact]
    public void IdleHook_Throws_ReportedAndTheLoopKeepsRunning()
    {
        var throwOnce = 1;
        var dispatcher = NewDispatcher();
        var testActor = TestActor;

        EventFilter.Exception<InvalidOperationException>(contains: "idle hook").ExpectOne(() =>
        {
            dispatcher.IdleHook = () =>
            {
                if (Interlocked.Exchange(ref throwOnce, 0) == 1)
                {
                    throw new InvalidOperationException("faulty hook");
                }
            };
            dispatcher.SynchronizationContext.Post(_ => { }, null);
        });

        dispatcher.SynchronizationContext.Post(_ => testActor.Tell("still running", ActorRefs.NoSender), null);
        ExpectMsg("still running");
    }

    // ---- S7 (kernel part): abandoning a stuck thread ----

    [Fact]
    public void TryAbandon_StuckSlice_NewThreadTakesOverAndTheOldOneExitsQuietly()
    {
        var dispatcher = NewDispatcher();
        using var gate = new ManualResetEventSlim();
        var log = new ConcurrentQueue<(string Message, int Thread)>();
        var stuck = Spawn(dispatcher, () => new Recorder("stuck", TestActor, gate, log));
        var other = Spawn(dispatcher, () => new Recorder("other", TestActor, log: log));
        var oldThread = dispatcher.Thread;
        try
        {
            other.Tell("m0", ActorRefs.NoSender);
            ExpectMsg("m0");

            stuck.Tell("block", ActorRefs.NoSender);
            ExpectMsg("stuck:entered");
            Assert.True(dispatcher.TryGetCurrentSlice(out var slice));
            Assert.Equal(stuck, slice.Actor);
            other.Tell("m1", ActorRefs.NoSender);

            Assert.True(dispatcher.TryAbandon(slice.Id));

            ExpectMsg("m1");
            var newThread = dispatcher.Thread;
            Assert.NotEqual(oldThread.ManagedThreadId, newThread.ManagedThreadId);
            Assert.Equal(1, dispatcher.AbandonedThreads);
            Assert.False(dispatcher.TryAbandon(slice.Id));

            // The stuck actor's mailbox is released: later user messages are dead letters, and it can be stopped.
            EventFilter.DeadLetter<string>(s => s == "late").ExpectOne(() => stuck.Tell("late", ActorRefs.NoSender));
            Watch(stuck);
            Sys.Stop(stuck);
            ExpectTerminated(stuck);
            other.Tell("m2", ActorRefs.NoSender);
            ExpectMsg("m2");

            // The stuck code returns: its thread must exit without running anything else.
            gate.Set();
            other.Tell("m3", ActorRefs.NoSender);
            Assert.True(oldThread.Join(TimeSpan.FromSeconds(5)), "the abandoned thread did not exit");
            other.Tell("m4", ActorRefs.NoSender);
            ExpectMsg("m3");
            ExpectMsg("m4");
            ExpectNoMsg(TimeSpan.FromMilliseconds(50));

            var entries = log.ToArray();
            Assert.Equal(["m0", "m1", "m2", "m3", "m4"], entries.Where(e => e.Message.StartsWith('m')).Select(e => e.Message));
            Assert.Equal(oldThread.ManagedThreadId, entries.Single(e => e.Message == "m0").Thread);
            Assert.All(entries.Where(e => e.Message is "m1" or "m2" or "m3" or "m4"), e => Assert.Equal(newThread.ManagedThreadId, e.Thread));
            Assert.Equal(oldThread.ManagedThreadId, entries.Single(e => e.Message == "block-returned").Thread);
            Assert.True(newThread.IsAlive);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public void TryAbandon_SliceThatHasEnded_ReturnsFalseAndChangesNothing()
    {
        var observer = new RecordingObserver();
        var dispatcher = NewDispatcher(observer: observer);
        using var gate = new ManualResetEventSlim();
        var actor = Spawn(dispatcher, () => new Recorder("A", TestActor, gate));
        var thread = dispatcher.Thread;
        actor.Tell("hello", ActorRefs.NoSender);
        ExpectMsg("hello");
        AwaitCondition(() => observer.Events.Count(e => !e.Started) == observer.Events.Count(e => e.Started), TimeSpan.FromSeconds(3));
        var ended = observer.Events[^1].Slice.Id;

        Assert.False(dispatcher.TryAbandon(ended));

        // Also false while another slice runs.
        actor.Tell("block", ActorRefs.NoSender);
        ExpectMsg("A:entered");
        Assert.False(dispatcher.TryAbandon(ended));
        gate.Set();
        actor.Tell("after", ActorRefs.NoSender);
        ExpectMsg("after");
        Assert.Equal(0, dispatcher.AbandonedThreads);
        Assert.Same(thread, dispatcher.Thread);
    }

    // ---- Dispose ----

    [Fact]
    public void Dispose_DuringASlice_ThreadExitsAfterItAndLaterWorkNeverRuns()
    {
        using var dispatcher = new CooperativeDispatcher("coop-test-dispose", threadName: "coop-test-dispose");
        using var gate = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        var laterRan = false;
        dispatcher.SynchronizationContext.Post(_ =>
        {
            entered.Set();
            gate.Wait(TimeSpan.FromSeconds(10));
        }, null);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(3)));
        dispatcher.SynchronizationContext.Post(_ => Volatile.Write(ref laterRan, true), null);

        dispatcher.Dispose();
        gate.Set();

        Assert.True(dispatcher.Thread.Join(TimeSpan.FromSeconds(5)), "the thread did not stop");
        Assert.False(Volatile.Read(ref laterRan));
        Assert.Equal(1, dispatcher.ReadyCount);
    }

    [Fact]
    public void Dispose_Idle_StopsTheThread()
    {
        var dispatcher = new CooperativeDispatcher("coop-test-dispose-idle", threadName: "coop-test-dispose-idle");
        using var ran = new ManualResetEventSlim();
        dispatcher.SynchronizationContext.Post(_ => ran.Set(), null);
        Assert.True(ran.Wait(TimeSpan.FromSeconds(3)));

        dispatcher.Dispose();

        Assert.True(dispatcher.Thread.Join(TimeSpan.FromSeconds(5)), "the thread did not stop");
        Assert.Equal(0, dispatcher.AbandonedThreads);
        Assert.False(dispatcher.TryAbandon(1));
    }
}
