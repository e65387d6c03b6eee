using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>Delivery guarantees: FIFO per sender–receiver pair, at most once, system messages first.</summary>
public sealed class MessageOrderingTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    private const int Senders = 4;
    private const int PerSender = 5_000;

    public sealed record Seq(int Sender, int N);

    public sealed record Report(int Received, int OutOfOrder, int Duplicates);

    public sealed record Block(SemaphoreSlim Gate);

    public sealed record Stopped(IReadOnlyList<object> Processed);

    private sealed class SequenceChecker : ReceiveActor
    {
        private readonly int[] _last = Enumerable.Repeat(-1, Senders).ToArray();
        private int _received;
        private int _outOfOrder;
        private int _duplicates;

        public SequenceChecker(IActorRef reportTo)
        {
            Receive<Seq>(s =>
            {
                if (s.N <= _last[s.Sender])
                {
                    _duplicates++;
                }
                else if (s.N != _last[s.Sender] + 1)
                {
                    _outOfOrder++;
                }
                _last[s.Sender] = s.N;
                if (++_received == Senders * PerSender)
                {
                    reportTo.Tell(new Report(_received, _outOfOrder, _duplicates));
                }
            });
        }
    }

    private sealed class Recorder : ReceiveActor
    {
        private readonly List<object> _processed = [];
        private readonly IActorRef _probe;

        public Recorder(IActorRef probe)
        {
            _probe = probe;
            Receive<Block>(b =>
            {
                _processed.Add(b);
                probe.Tell("entered");
                Assert.True(b.Gate.Wait(TimeSpan.FromSeconds(10)), "the test never opened the gate");
            });
            ReceiveAsync<TaskCompletionSource>(async tcs =>
            {
                _processed.Add(tcs);
                probe.Tell("awaiting");
                await tcs.Task;
            });
            ReceiveAny(m => _processed.Add(m));
        }

        protected internal override void PostStop() => _probe.Tell(new Stopped([.. _processed]));
    }

    [Fact]
    public async Task Tell_SeveralSendersOnThreads_EachSendersSequenceArrivesInOrderExactlyOnce()
    {
        var checker = Sys.ActorOf(Props.Create(() => new SequenceChecker(TestActor)));
        using var start = new Barrier(Senders);

        var senders = Enumerable.Range(0, Senders).Select(id => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(5));
                for (var n = 0; n < PerSender; n++)
                {
                    checker.Tell(new Seq(id, n), null);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(10));

        var report = ExpectMsg<Report>(TimeSpan.FromSeconds(10));
        Assert.Equal(new Report(Senders * PerSender, 0, 0), report);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stop_IssuedAfterQueuedUserMessages_TakesEffectBeforeThem()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(TestActor)));
        var block = new Block(gate);
        actor.Tell(block, null);
        ExpectMsg("entered");

        EventFilter.DeadLetter<int>().Expect(50, () =>
        {
            for (var i = 0; i < 50; i++)
            {
                actor.Tell(i, null);
            }
            Sys.Stop(actor);
            gate.Release();
            var stopped = ExpectMsg<Stopped>();
            Assert.Same(block, Assert.Single(stopped.Processed));
        });
    }

    [Fact]
    public void Stop_WhileAsyncHandlerSuspendsMailbox_SystemMessageStillProcessed()
    {
        var pending = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(TestActor)));
        Watch(actor);
        actor.Tell(pending, null);
        ExpectMsg("awaiting");

        EventFilter.DeadLetter<string>().Expect(3, () =>
        {
            actor.Tell("a", null);
            actor.Tell("b", null);
            actor.Tell("c", null);
            Sys.Stop(actor);
            var stopped = ExpectMsg<Stopped>();
            Assert.Same(pending, Assert.Single(stopped.Processed));
            ExpectTerminated(actor);
        });
        pending.SetResult();
    }

    [Fact]
    public void Tell_ToStoppedActor_DeadLetteredNotDelivered()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(TestActor)));
        Watch(actor);
        Sys.Stop(actor);
        Assert.Empty(ExpectMsg<Stopped>().Processed);
        ExpectTerminated(actor);

        EventFilter.DeadLetter<string>(s => s == "late").ExpectOne(() => actor.Tell("late", TestActor));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}
