using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>Bounded mailbox full policy: TryTell reports, Tell dead-letters, the sender never blocks.</summary>
public sealed class BoundedMailboxTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    private const int Capacity = 3;

    public sealed record Block(SemaphoreSlim Gate);

    private sealed class Slow : ReceiveActor
    {
        public Slow(IActorRef probe)
        {
            Receive<Block>(b =>
            {
                probe.Tell("blocked");
                Assert.True(b.Gate.Wait(TimeSpan.FromSeconds(10)), "the test never opened the gate");
            });
            ReceiveAny(m => probe.Tell(m));
        }
    }

    private IActorRef NewBlockedActor(SemaphoreSlim gate)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Slow(TestActor)).WithMailbox(MailboxKind.Bounded(Capacity)));
        actor.Tell(new Block(gate), null);
        ExpectMsg("blocked");
        return actor;
    }

    [Fact]
    public void TryTell_MailboxFull_ReturnsFalseAndMessageNotDelivered()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = NewBlockedActor(gate);

        Assert.True(actor.TryTell(1));
        Assert.True(actor.TryTell(2));
        Assert.True(actor.TryTell(3));
        Assert.False(actor.TryTell(4));
        gate.Release();

        Assert.Equal([1, 2, 3], ReceiveN(3).Cast<int>());
        actor.Tell("marker", null);
        ExpectMsg("marker");
    }

    [Fact]
    public async Task Tell_MailboxFull_OverflowDeadLetteredWithoutBlocking()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = NewBlockedActor(gate);

        await EventFilter.DeadLetter<int>(i => i > Capacity).ExpectAsync(2, () =>
            Task.Run(() =>
            {
                for (var i = 1; i <= Capacity + 2; i++)
                {
                    actor.Tell(i, null);
                }
            }).WaitAsync(TimeSpan.FromSeconds(3)));
        gate.Release();

        Assert.Equal([1, 2, 3], ReceiveN(3).Cast<int>());
        actor.Tell("marker", null);
        ExpectMsg("marker");
    }

    [Fact]
    public void TryTell_SpaceFreedByProcessing_AcceptedAgain()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = NewBlockedActor(gate);
        for (var i = 1; i <= Capacity; i++)
        {
            Assert.True(actor.TryTell(i));
        }
        Assert.False(actor.TryTell(99));

        gate.Release();
        Assert.Equal([1, 2, 3], ReceiveN(3).Cast<int>());

        Assert.True(actor.TryTell(4));
        ExpectMsg(4);
    }

    [Fact]
    public void TryTell_StoppedActor_ReturnsFalse()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Slow(TestActor)).WithMailbox(MailboxKind.Bounded(Capacity)));
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.False(actor.TryTell("too late"));
    }

    [Fact]
    public void TryTell_UnboundedMailbox_AlwaysTrue()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new Slow(TestActor)));
        actor.Tell(new Block(gate), null);
        ExpectMsg("blocked");

        Assert.All(Enumerable.Range(0, 1000), i => Assert.True(actor.TryTell(i)));
        gate.Release();
        Assert.Equal(Enumerable.Range(0, 1000), ReceiveN(1000).Cast<int>());
    }

    [Fact]
    public void MailboxKindBounded_NonPositiveCapacity_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MailboxKind.Bounded(0));
}
