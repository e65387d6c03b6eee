using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>Stash: unstash order, UnstashAll(predicate), re-delivery on restart, dead letters on stop.</summary>
public sealed class StashTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    public sealed record Block(SemaphoreSlim Gate);

    /// <summary>Stashes strings while closed; commands open it (fully or partly); when open, forwards everything.</summary>
    private sealed class Door : ReceiveActor, IWithStash
    {
        public Door(IActorRef probe, int instance)
        {
            Receive<Block>(b =>
            {
                probe.Tell("blocked");
                Assert.True(b.Gate.Wait(TimeSpan.FromSeconds(10)), "the test never opened the gate");
            });
            Receive<string>(_ =>
            {
                Stash.UnstashAll();
                Become(() => Open(probe));
            }, s => s == "open");
            Receive<string>(_ =>
            {
                Stash.UnstashAll(m => m is string s && s.StartsWith('x'));
                Become(() => Open(probe));
            }, s => s == "open-x");
            Receive<string>(_ => Stash.Unstash(), s => s == "unstash-one");
            Receive<string>(_ => Sender.Tell(Stash.Count), s => s == "count");
            Receive<string>(_ => throw new InvalidOperationException("fail requested"), s => s == "fail");
            Receive<string>(_ => probe.Tell($"instance {instance} started"), s => s == "hello");
            Receive<string>(_ => Stash.Stash());
            Receive<int>(i => probe.Tell(i));
        }

        public IStash Stash { get; set; } = null!;

        private void Open(IActorRef probe)
        {
            Receive<string>(_ => Sender.Tell(Stash.Count), s => s == "count");
            Receive<string>(_ => Stash.UnstashAll(), s => s == "rest");
            ReceiveAny(m => probe.Tell(m));
        }
    }

    private int _instances;

    private IActorRef NewDoor()
    {
        var probe = TestActor;
        var door = Sys.ActorOf(Props.Create(() => new Door(probe, Interlocked.Increment(ref _instances))));
        return door;
    }

    private static void Tell(IActorRef actor, params object[] messages)
    {
        foreach (var m in messages)
        {
            actor.Tell(m, null);
        }
    }

    [Fact]
    public void UnstashAll_MessagesWaitingInMailbox_StashedOnesFirstInStashOrder()
    {
        using var gate = new SemaphoreSlim(0);
        var door = NewDoor();
        Tell(door, "a", "b", "c");
        door.Tell(new Block(gate), null);
        ExpectMsg("blocked");

        Tell(door, "open", "d", "e");
        gate.Release();

        Assert.Equal(["a", "b", "c", "d", "e"], ReceiveN(5).Cast<string>());
    }

    [Fact]
    public void Unstash_One_OldestComesBackFirst()
    {
        var door = NewDoor();

        // The unstashed message comes back first and, the door being closed, is stashed again at the end.
        Tell(door, "a", "b", "c", "unstash-one", "open");

        Assert.Equal(["b", "c", "a"], ReceiveN(3).Cast<string>());
    }

    [Fact]
    public void UnstashAll_Predicate_OnlyMatchingReturnRestStayStashed()
    {
        var door = NewDoor();

        Tell(door, "x1", "y1", "x2", "y2", "open-x", "z");

        Assert.Equal(["x1", "x2", "z"], ReceiveN(3).Cast<string>());
        door.Tell("count", TestActor);
        ExpectMsg(2);
        Tell(door, "rest");
        Assert.Equal(["y1", "y2"], ReceiveN(2).Cast<string>());
    }

    [Fact]
    public void Restart_StashedMessages_RedeliveredToNewInstanceBeforeLaterOnes()
    {
        var door = NewDoor();
        Tell(door, "a", "b");

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => Tell(door, "fail", "hello"));
        Tell(door, "open");

        // a and b come back in front of "hello" and are stashed again by the new (closed) instance.
        ExpectMsg("instance 2 started");
        Assert.Equal(["a", "b"], ReceiveN(2).Cast<string>());
    }

    [Fact]
    public void Stop_StashedMessages_DeadLettered()
    {
        var door = NewDoor();
        Watch(door);
        Tell(door, "a", "b");
        door.Tell("count", TestActor);
        ExpectMsg(2);

        EventFilter.DeadLetter<string>(s => s is "a" or "b").Expect(2, () =>
        {
            Sys.Stop(door);
            ExpectTerminated(door);
        });
    }
}
