using System.Collections.Concurrent;
using Liberty.Actors;
using Liberty.Actors.Dispatch;

namespace Liberty.Tests.Dispatch;

/// <summary>
/// What every dispatcher guarantees (DESIGN.md section 5, <see cref="MessageDispatcher"/>'s contract):
/// one handler at a time per actor, FIFO per sender, throughput-bounded runs that lose nothing, system
/// messages before user messages, ask, stop and watch, restart by supervision. Each dispatcher runs it
/// through one concrete subclass (CONVENTIONS rule 20).
/// </summary>
public abstract class DispatcherContract : global::Liberty.TestKit.TestKit
{
    private static int s_nextId;
    private readonly List<IDisposable> _disposeAfterSystem = [];

    protected DispatcherContract(ITestOutputHelper output)
        : base(output)
    {
    }

    /// <summary>The id of the dispatcher under test in <see cref="global::Liberty.TestKit.TestKitBase.Sys"/>.</summary>
    protected abstract string DispatcherId { get; }

    /// <summary>Creates and registers another dispatcher of the same kind with <paramref name="throughput"/>.</summary>
    protected abstract MessageDispatcher CreateDispatcher(string id, int throughput);

    /// <summary>Asserts that a handler ran on the thread this dispatcher promises.</summary>
    /// <param name="seen">The thread seen inside the handler.</param>
    /// <param name="testThreadId">The managed id of the test thread that sent the message.</param>
    protected abstract void AssertDispatcherThread(HandlerThread seen, int testThreadId);

    /// <summary>A unique dispatcher id for this test run.</summary>
    protected static string NewId(string prefix) => $"{prefix}-{Interlocked.Increment(ref s_nextId)}";

    /// <summary>Disposes <paramref name="disposable"/> after the system has terminated.</summary>
    protected T DisposeAfterSystem<T>(T disposable)
        where T : IDisposable
    {
        _disposeAfterSystem.Add(disposable);
        return disposable;
    }

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
                foreach (var d in _disposeAfterSystem)
                {
                    d.Dispose();
                }
            }
        }
    }

    protected Props On(Props props) => props.WithDispatcher(DispatcherId);

    /// <summary>The thread a handler ran on.</summary>
    public sealed record HandlerThread(int ManagedThreadId, bool IsThreadPoolThread, string? Name)
    {
        public static HandlerThread Current()
        {
            var t = Thread.CurrentThread;
            return new(t.ManagedThreadId, t.IsThreadPoolThread, t.Name);
        }
    }

    // ---- actors ----

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter() => ReceiveAny(_ => Sender.Tell(HandlerThread.Current()));
    }

    private sealed class ExclusiveCounter : ReceiveActor
    {
        public ExclusiveCounter(int[] inside, int[] maxInside)
        {
            var count = 0;
            Receive<int>(_ =>
            {
                var now = Interlocked.Increment(ref inside[0]);
                var max = Volatile.Read(ref maxInside[0]);
                while (now > max && Interlocked.CompareExchange(ref maxInside[0], now, max) != max)
                {
                    max = Volatile.Read(ref maxInside[0]);
                }
                // Widen the window in which a second entry would overlap.
                Thread.SpinWait(50);
                count++;
                Interlocked.Decrement(ref inside[0]);
            });
            Receive<string>(_ => Sender.Tell(count), s => s == "count");
        }
    }

    private sealed record Seq(int Sender, int N);

    private sealed class FifoChecker : ReceiveActor
    {
        public FifoChecker()
        {
            var last = new Dictionary<int, int>();
            var violations = new List<string>();
            var total = 0;
            Receive<Seq>(s =>
            {
                total++;
                var expected = last.TryGetValue(s.Sender, out var l) ? l + 1 : 0;
                if (s.N != expected)
                {
                    violations.Add($"sender {s.Sender}: got {s.N} after {expected - 1}");
                }
                last[s.Sender] = s.N;
            });
            Receive<string>(_ => Sender.Tell((total, string.Join("; ", violations))), s => s == "report");
        }
    }

    /// <summary>Forwards everything to a target; blocks on a gate for "block".</summary>
    private sealed class Gated : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _processed;

        public Gated(IActorRef target, ManualResetEventSlim gate, ConcurrentQueue<string> processed)
        {
            _processed = processed;
            Receive<string>(s =>
            {
                processed.Enqueue(s);
                target.Tell("entered");
                if (!gate.Wait(TimeSpan.FromSeconds(10)))
                {
                    throw new TimeoutException("The gate was never opened.");
                }
            }, s => s == "block");
            ReceiveAny(m =>
            {
                processed.Enqueue(m.ToString()!);
                target.Tell(m);
            });
        }

        protected internal override void PostStop() => _processed.Enqueue("post-stop");
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef target) => ReceiveAny(m => target.Tell(m));
    }

    private sealed class TellThenStop : ReceiveActor
    {
        public TellThenStop(IActorRef receiver) =>
            ReceiveAny(m =>
            {
                receiver.Tell(m);
                Context.Stop(Self);
            });
    }

    private sealed class Fragile : ReceiveActor
    {
        private static int s_instances;
        private readonly int _instance = Interlocked.Increment(ref s_instances);
        private readonly IActorRef _probe;

        public Fragile(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(_ => throw new InvalidOperationException("boom on purpose"), s => s == "boom");
            Receive<string>(_ => Sender.Tell(_instance), s => s == "instance");
            ReceiveAny(m => probe.Tell(m));
        }

        protected internal override void PostRestart(Exception reason) => _probe.Tell($"restarted after {reason.Message}");
    }

    // ---- specs ----

    [Fact]
    public void Handler_Message_RunsOnTheDispatchersThread()
    {
        var actor = Sys.ActorOf(On(Props.Create<ThreadReporter>()));

        actor.Tell("where", TestActor);

        AssertDispatcherThread(ExpectMsg<HandlerThread>(), Environment.CurrentManagedThreadId);
    }

    [Fact]
    public async Task Handler_ConcurrentSenders_NeverEnteredConcurrently()
    {
        var inside = new int[1];
        var maxInside = new int[1];
        var actor = Sys.ActorOf(On(Props.Create(() => new ExclusiveCounter(inside, maxInside))));
        using var start = new ManualResetEventSlim();
        const int Senders = 4;
        const int PerSender = 250;
        var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(() =>
        {
            start.Wait(TimeSpan.FromSeconds(5));
            for (var i = 0; i < PerSender; i++)
            {
                actor.Tell(i, ActorRefs.NoSender);
            }
        })).ToArray();

        start.Set();
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(10));
        var count = await actor.Ask<int>("count", TimeSpan.FromSeconds(5));

        Assert.Equal(Senders * PerSender, count);
        Assert.Equal(1, Volatile.Read(ref maxInside[0]));
    }

    [Fact]
    public async Task Tell_SeveralConcurrentSenders_FifoPerSender()
    {
        var actor = Sys.ActorOf(On(Props.Create<FifoChecker>()));
        using var start = new ManualResetEventSlim();
        const int Senders = 3;
        const int PerSender = 300;
        var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            start.Wait(TimeSpan.FromSeconds(5));
            for (var i = 0; i < PerSender; i++)
            {
                actor.Tell(new Seq(s, i), ActorRefs.NoSender);
            }
        })).ToArray();

        start.Set();
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(10));
        var (total, violations) = await actor.Ask<(int, string)>("report", TimeSpan.FromSeconds(5));

        Assert.Equal("", violations);
        Assert.Equal(Senders * PerSender, total);
    }

    [Fact]
    public void Run_MoreMessagesThanThroughput_AllProcessedInOrderAcrossRuns()
    {
        var id = NewId("throughput2");
        CreateDispatcher(id, throughput: 2);
        var relay = Sys.ActorOf(Props.Create(() => new Relay(TestActor)).WithDispatcher(id));

        for (var i = 0; i < 25; i++)
        {
            relay.Tell(i, ActorRefs.NoSender);
        }

        Assert.Equal(Enumerable.Range(0, 25).Cast<object>(), ReceiveN(25));
    }

    [Fact]
    public async Task SystemMessage_QueuedBehindUserMessages_ProcessedBeforeThem()
    {
        using var gate = new ManualResetEventSlim();
        var processed = new ConcurrentQueue<string>();
        var actor = Sys.ActorOf(On(Props.Create(() => new Gated(TestActor, gate, processed))));
        Watch(actor);
        // From another thread: on the calling-thread dispatcher the handler blocks its sender.
        var blocker = Task.Run(() => actor.Tell("block", ActorRefs.NoSender));
        ExpectMsg("entered");

        EventFilter.DeadLetter<string>(s => s.StartsWith("queued", StringComparison.Ordinal)).Expect(2, () =>
        {
            actor.Tell("queued-1", ActorRefs.NoSender);
            actor.Tell("queued-2", ActorRefs.NoSender);
            Sys.Stop(actor);
            gate.Set();
            ExpectTerminated(actor);
        });

        await blocker.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["block", "post-stop"], processed);
    }

    [Fact]
    public async Task Ask_ActorReplies_TaskCompletesWithTheReply()
    {
        var echo = Sys.ActorOf(On(Props.Create<Echo>()));

        var reply = await echo.Ask<string>("ping", TimeSpan.FromSeconds(3));

        Assert.Equal("ping", reply);
    }

    [Fact]
    public void Stop_WatchedActor_PostStopRunsThenTerminatedArrives()
    {
        using var gate = new ManualResetEventSlim(initialState: true);
        var processed = new ConcurrentQueue<string>();
        var actor = Sys.ActorOf(On(Props.Create(() => new Gated(TestActor, gate, processed))));
        Watch(actor);
        actor.Tell("hello", ActorRefs.NoSender);
        ExpectMsg("hello");

        Sys.Stop(actor);

        ExpectTerminated(actor);
        Assert.Equal(["hello", "post-stop"], processed);
    }

    [Fact]
    public void Tell_SenderStopsItselfRightAfter_ReceiverStillGetsTheMessage()
    {
        var receiver = Sys.ActorOf(On(Props.Create(() => new Relay(TestActor))));
        var sender = Sys.ActorOf(On(Props.Create(() => new TellThenStop(receiver))));
        Watch(sender);

        sender.Tell("last words", ActorRefs.NoSender);

        // The two arrive in either order: they come from different actors.
        var arrived = ReceiveN(2);
        Assert.Contains("last words", arrived);
        Assert.Contains(arrived, m => m is Terminated t && t.ActorRef.Equals(sender));
        receiver.Tell("still alive", ActorRefs.NoSender);
        ExpectMsg("still alive");
    }

    [Fact]
    public void Failure_DefaultSupervision_RestartsActorAndKeepsTheMailbox()
    {
        var actor = Sys.ActorOf(On(Props.Create(() => new Fragile(TestActor))));
        actor.Tell("instance", TestActor);
        var first = ExpectMsg<int>();

        EventFilter.Exception<InvalidOperationException>(contains: "boom on purpose").ExpectOne(() =>
        {
            actor.Tell("boom", ActorRefs.NoSender);
            actor.Tell("after", ActorRefs.NoSender);
            ExpectMsg("restarted after boom on purpose");
            ExpectMsg("after");
        });

        actor.Tell("instance", TestActor);
        Assert.NotEqual(first, ExpectMsg<int>());
    }
}
