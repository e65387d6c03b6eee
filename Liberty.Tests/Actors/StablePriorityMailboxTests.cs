using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>Stable priority mailbox: lower priority first, arrival order among equals.</summary>
public sealed class StablePriorityMailboxTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    public sealed record Block(SemaphoreSlim Gate);

    public sealed record Job(int Priority, string Name);

    private sealed class Slow : ReceiveActor
    {
        public Slow(IActorRef probe)
        {
            Receive<Block>(b =>
            {
                probe.Tell("blocked");
                Assert.True(b.Gate.Wait(TimeSpan.FromSeconds(10)), "the test never opened the gate");
            });
            Receive<Job>(j => probe.Tell(j.Name));
        }
    }

    private static int PriorityOf(object message) => message is Job j ? j.Priority : 0;

    [Fact]
    public void StablePriority_MessagesQueuedWhileBusy_LowestFirstArrivalOrderAmongEquals()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new Slow(TestActor)).WithMailbox(MailboxKind.StablePriority(PriorityOf)));
        actor.Tell(new Block(gate), null);
        ExpectMsg("blocked");

        foreach (var job in new[] { new Job(2, "a"), new Job(1, "b"), new Job(2, "c"), new Job(0, "d"), new Job(1, "e"), new Job(2, "f") })
        {
            actor.Tell(job, null);
        }
        gate.Release();

        Assert.Equal(["d", "b", "e", "a", "c", "f"], ReceiveN(6).Cast<string>());
    }

    [Fact]
    public void StablePriority_ManyEqualPriorities_KeepArrivalOrder()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new Slow(TestActor)).WithMailbox(MailboxKind.StablePriority(PriorityOf)));
        actor.Tell(new Block(gate), null);
        ExpectMsg("blocked");

        for (var i = 0; i < 200; i++)
        {
            actor.Tell(new Job(i % 2, $"{i % 2}:{i}"), null);
        }
        gate.Release();

        var expected = Enumerable.Range(0, 200).Where(i => i % 2 == 0).Concat(Enumerable.Range(0, 200).Where(i => i % 2 == 1)).Select(i => $"{i % 2}:{i}");
        Assert.Equal(expected, ReceiveN(200).Cast<string>());
    }
}
