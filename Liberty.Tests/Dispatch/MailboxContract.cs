using Liberty.Actors;
using Liberty.Actors.Internal;

namespace Liberty.Tests.Dispatch;

/// <summary>
/// What every mailbox guarantees: FIFO per sender, an exact count when quiescent, system messages
/// drained oldest first and processed before user messages, and a closed mailbox sends what is left
/// (and what arrives later) to dead letters. Each mailbox kind runs it through one subclass.
/// </summary>
public abstract class MailboxContract : MailboxSpec
{
    protected MailboxContract(ITestOutputHelper output)
        : base(output)
    {
    }

    /// <summary>The mailbox kind under test; must accept at least 2 000 waiting messages.</summary>
    protected abstract MailboxKind Kind { get; }

    [Fact]
    public void TryEnqueue_SingleProducer_DequeuesInFifoOrder()
    {
        var mailbox = Kind.Create();

        for (var i = 0; i < 100; i++)
        {
            Assert.True(mailbox.TryEnqueue(Envelope(i)));
        }

        var seen = new List<object>();
        while (mailbox.TryDequeue(out var e))
        {
            seen.Add(e.Message);
        }
        Assert.Equal(Enumerable.Range(0, 100).Cast<object>(), seen);
    }

    [Fact]
    public void Count_EnqueueAndDequeue_TracksWaitingMessages()
    {
        var mailbox = Kind.Create();
        Assert.Equal(0, mailbox.Count);
        Assert.False(mailbox.HasMessages);

        mailbox.TryEnqueue(Envelope("a"));
        mailbox.TryEnqueue(Envelope("b"));
        mailbox.TryEnqueue(Envelope("c"));
        Assert.Equal(3, mailbox.Count);
        Assert.True(mailbox.HasMessages);

        Assert.True(mailbox.TryDequeue(out _));
        Assert.Equal(2, mailbox.Count);
        Assert.True(mailbox.TryDequeue(out _));
        Assert.True(mailbox.TryDequeue(out _));
        Assert.Equal(0, mailbox.Count);
        Assert.False(mailbox.HasMessages);
        Assert.False(mailbox.TryDequeue(out _));
    }

    [Fact]
    public async Task TryEnqueue_ConcurrentProducersWhileConsuming_FifoPerProducer()
    {
        var mailbox = Kind.Create();
        const int Producers = 4;
        const int PerProducer = 500;
        using var start = new ManualResetEventSlim();
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            start.Wait(TimeSpan.FromSeconds(5));
            for (var i = 0; i < PerProducer; i++)
            {
                Assert.True(mailbox.TryEnqueue(Envelope((p, i))));
            }
        })).ToArray();
        var next = new int[Producers];
        var errors = new List<string>();
        var consumed = 0;

        start.Set();
        var all = Task.WhenAll(producers);
        while (consumed < Producers * PerProducer)
        {
            if (mailbox.TryDequeue(out var e))
            {
                var (p, i) = ((int, int))e.Message;
                if (i != next[p])
                {
                    errors.Add($"producer {p}: {i} after {next[p] - 1}");
                }
                next[p] = i + 1;
                consumed++;
            }
            else if (all.IsCompleted && !mailbox.HasMessages)
            {
                break;
            }
            else
            {
                Thread.Yield();
            }
        }
        await all.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(errors);
        Assert.Equal(Producers * PerProducer, consumed);
        Assert.Equal(0, mailbox.Count);
    }

    [Fact]
    public void SystemDrain_SeveralSystemMessages_OldestFirstAndSeparateFromUserMessages()
    {
        var mailbox = Kind.Create();
        var first = new Suspend();
        var second = new Resume(null);
        var third = new Terminate();
        mailbox.TryEnqueue(Envelope("user"));

        mailbox.SystemEnqueue(first);
        mailbox.SystemEnqueue(second);
        mailbox.SystemEnqueue(third);

        Assert.True(mailbox.HasSystemMessages);
        Assert.Equal(1, mailbox.Count);
        var drained = new List<SystemMessage>();
        for (var m = mailbox.SystemDrain(); m is not null; m = m.Next)
        {
            drained.Add(m);
        }
        Assert.Equal<SystemMessage>([first, second, third], drained);
        Assert.False(mailbox.HasSystemMessages);
        Assert.Equal(1, mailbox.Count);
    }

    [Fact]
    public void Run_SystemMessageArrivesBehindUserMessages_IsProcessedBeforeThem()
    {
        using var gate = new ManualResetEventSlim();
        var actor = BlockedActor(Kind, gate);
        actor.Tell("u1", ActorRefs.NoSender);
        actor.Tell("u2", ActorRefs.NoSender);

        // Suspend is a system message sent after u1 and u2: if it is processed first, neither runs.
        ((InternalActorRef)actor).SendSystemMessage(new Suspend());
        gate.Set();

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        ((InternalActorRef)actor).SendSystemMessage(new Resume(null));
        ExpectMsg("u1");
        ExpectMsg("u2");
    }

    [Fact]
    public void Close_WithWaitingMessages_TheRestAndLaterOnesGoToDeadLetters()
    {
        using var gate = new ManualResetEventSlim();
        var actor = BlockedActor(Kind, gate);
        Watch(actor);

        EventFilter.DeadLetter<string>(s => s.StartsWith("late", StringComparison.Ordinal)).Expect(3, () =>
        {
            actor.Tell("late-1", ActorRefs.NoSender);
            actor.Tell("late-2", ActorRefs.NoSender);
            Sys.Stop(actor);
            gate.Set();
            ExpectTerminated(actor);
            actor.Tell("late-3", ActorRefs.NoSender);
        });

        Assert.False(actor.TryTell("after close"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Close_DirectlyOnTheMailbox_RefusesScheduling()
    {
        var mailbox = Kind.Create();
        mailbox.TryEnqueue(Envelope("waiting"));

        mailbox.Close();

        Assert.True(mailbox.IsClosed);
        Assert.False(mailbox.TrySetScheduled());
        Assert.False(mailbox.CanBeScheduled(hasUserMessages: true, hasSystemMessages: true));
    }
}
