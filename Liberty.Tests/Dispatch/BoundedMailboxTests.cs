using Liberty.Actors;
using Liberty.Actors.Internal;

namespace Liberty.Tests.Dispatch;

/// <summary>The bounded mailbox's full policy: refuse, never block, system messages always fit.</summary>
public sealed class BoundedMailboxTests(ITestOutputHelper output) : MailboxSpec(output)
{
    private const int Capacity = 3;

    [Fact]
    public void TryEnqueue_AtCapacity_ReturnsFalseAndStoresNothing()
    {
        var mailbox = MailboxKind.Bounded(Capacity).Create();
        for (var i = 0; i < Capacity; i++)
        {
            Assert.True(mailbox.TryEnqueue(Envelope(i)));
        }

        Assert.False(mailbox.TryEnqueue(Envelope("overflow")));

        Assert.Equal(Capacity, mailbox.Count);
        var seen = new List<object>();
        while (mailbox.TryDequeue(out var e))
        {
            seen.Add(e.Message);
        }
        Assert.Equal([0, 1, 2], seen);
    }

    [Fact]
    public void TryEnqueue_AfterADequeueAtCapacity_FitsAgain()
    {
        var mailbox = MailboxKind.Bounded(Capacity).Create();
        for (var i = 0; i < Capacity; i++)
        {
            mailbox.TryEnqueue(Envelope(i));
        }

        Assert.True(mailbox.TryDequeue(out _));

        Assert.True(mailbox.TryEnqueue(Envelope("fits")));
        Assert.False(mailbox.TryEnqueue(Envelope("does not")));
    }

    [Fact]
    public void SystemEnqueue_AtCapacity_AlwaysFits()
    {
        var mailbox = MailboxKind.Bounded(1).Create();
        mailbox.TryEnqueue(Envelope("full"));

        mailbox.SystemEnqueue(new Suspend());
        mailbox.SystemEnqueue(new Terminate());

        Assert.Equal(1, mailbox.Count);
        Assert.NotNull(mailbox.SystemDrain()?.Next);
    }

    [Fact]
    public async Task TryEnqueue_ConcurrentProducersOverCapacity_AcceptsExactlyCapacity()
    {
        var mailbox = MailboxKind.Bounded(50).Create();
        using var start = new ManualResetEventSlim();
        var accepted = 0;
        var producers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.Wait(TimeSpan.FromSeconds(5));
            for (var i = 0; i < 100; i++)
            {
                if (mailbox.TryEnqueue(Envelope(i)))
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        })).ToArray();

        start.Set();
        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(50, accepted);
        Assert.Equal(50, mailbox.Count);
    }

    [Fact]
    public void TryTell_ActorMailboxFull_ReturnsFalse()
    {
        using var gate = new ManualResetEventSlim();
        var actor = BlockedActor(MailboxKind.Bounded(Capacity), gate);

        var results = Enumerable.Range(1, Capacity + 1).Select(i => actor.TryTell($"m{i}")).ToList();

        Assert.Equal([true, true, true, false], results);
        gate.Set();
        Assert.Equal(["m1", "m2", "m3"], ReceiveN(Capacity));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Tell_ActorMailboxFull_OverflowGoesToDeadLetters()
    {
        using var gate = new ManualResetEventSlim();
        var actor = BlockedActor(MailboxKind.Bounded(Capacity), gate);
        for (var i = 1; i <= Capacity; i++)
        {
            actor.Tell($"m{i}", ActorRefs.NoSender);
        }

        EventFilter.DeadLetter<string>(s => s == "overflow").ExpectOne(() => actor.Tell("overflow", TestActor));

        gate.Set();
        Assert.Equal(["m1", "m2", "m3"], ReceiveN(Capacity));
    }

    [Fact]
    public void Stop_ActorMailboxFull_SystemMessagesStillGetThrough()
    {
        using var gate = new ManualResetEventSlim();
        var actor = BlockedActor(MailboxKind.Bounded(Capacity), gate);
        for (var i = 1; i <= Capacity; i++)
        {
            actor.Tell($"m{i}", ActorRefs.NoSender);
        }
        Assert.False(actor.TryTell("full"));

        Watch(actor);
        Sys.Stop(actor);
        gate.Set();

        ExpectTerminated(actor);
    }

    [Fact]
    public void Bounded_ZeroCapacity_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MailboxKind.Bounded(0));
}
