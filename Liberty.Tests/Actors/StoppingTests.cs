using Liberty.Actors;
using Liberty.TestKit;

namespace Liberty.Tests.Actors;

/// <summary>Ways to stop an actor: PoisonPill, Kill, Context.Stop (child, self), GracefulStop.</summary>
public sealed class StoppingTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output, new TestKitOptions { VirtualTime = true })
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public sealed record StopChild(string Name);

    private sealed class Echo : ReceiveActor
    {
        public Echo(IActorRef probe)
        {
            Receive<string>(_ => Context.Stop(Self), s => s == "stop-self");
            Receive<StopChild>(c => Context.Stop(Context.Child(c.Name)!));
            Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create(() => new Echo(probe)), name[6..])), s => s.StartsWith("spawn:", StringComparison.Ordinal));
            ReceiveAny(m => probe.Tell(m));
        }
    }

    /// <summary>Ignores every message (so a custom stop message does nothing).</summary>
    private sealed class Stubborn : ReceiveActor
    {
        public Stubborn(IActorRef probe) => ReceiveAny(m => probe.Tell($"ignored:{m}"));
    }

    /// <summary>Its PostStop blocks until the test opens the gate.</summary>
    private sealed class SlowToStop(IActorRef probe, SemaphoreSlim gate) : ReceiveActor
    {
        protected internal override void PostStop()
        {
            probe.Tell("in-post-stop");
            Assert.True(gate.Wait(TimeSpan.FromSeconds(10)), "the test never opened the gate");
        }
    }

    [Fact]
    public void PoisonPill_QueuedBehindMessages_EarlierProcessedLaterDeadLettered()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo(TestActor)));
        Watch(actor);

        EventFilter.DeadLetter<int>(i => i >= 4).Expect(2, () =>
        {
            actor.Tell(1, null);
            actor.Tell(2, null);
            actor.Tell(3, null);
            actor.Tell(PoisonPill.Instance, null);
            actor.Tell(4, null);
            actor.Tell(5, null);
            ExpectMsg(1);
            ExpectMsg(2);
            ExpectMsg(3);
            ExpectTerminated(actor);
        });
    }

    [Fact]
    public void Kill_Actor_StoppedAndLaterMessagesDeadLettered()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo(TestActor)));
        Watch(actor);

        EventFilter.Exception<ActorKilledException>().ExpectOne(() =>
        {
            actor.Tell("before", null);
            actor.Tell(Kill.Instance, null);
            ExpectMsg("before");
            ExpectTerminated(actor);
        });
        EventFilter.DeadLetter<string>(s => s == "after").ExpectOne(() => actor.Tell("after", null));
    }

    [Fact]
    public void ContextStop_Child_ChildTerminatedParentAlive()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Echo(TestActor)), "parent");
        parent.Tell("spawn:kid", TestActor);
        var kid = ExpectMsg<IActorRef>();
        Watch(kid);

        parent.Tell(new StopChild("kid"), null);

        ExpectTerminated(kid);
        parent.Tell("still here", null);
        ExpectMsg("still here");
    }

    [Fact]
    public void ContextStop_Self_CurrentMessageCompletesLaterOnesDeadLettered()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo(TestActor)));
        Watch(actor);

        EventFilter.DeadLetter<string>(s => s == "after").ExpectOne(() =>
        {
            actor.Tell("stop-self", null);
            actor.Tell("after", null);
            ExpectTerminated(actor);
        });
    }

    [Fact]
    public async Task GracefulStop_ActorStops_CompletesTrue()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo(TestActor)));
        Watch(actor);

        var stopped = await actor.GracefulStop(StopTimeout).WaitAsync(TimeSpan.FromSeconds(3));

        Assert.True(stopped);
        await ExpectTerminatedAsync(actor);
    }

    [Fact]
    public async Task GracefulStop_AlreadyStoppedActor_CompletesTrue()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo(TestActor)));
        Watch(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor);

        Assert.True(await actor.GracefulStop(StopTimeout).WaitAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task GracefulStop_CustomStopMessageIgnored_FalseOnlyAfterTimeout()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stubborn(TestActor)));

        var stop = actor.GracefulStop(StopTimeout, "please stop");
        await ExpectMsgAsync("ignored:please stop");
        Advance(StopTimeout - TimeSpan.FromTicks(1));
        Assert.False(stop.IsCompleted);
        Advance(TimeSpan.FromTicks(1));

        Assert.False(await stop.WaitAsync(TimeSpan.FromSeconds(3)));
        actor.Tell("alive", null);
        await ExpectMsgAsync("ignored:alive");
    }

    [Fact]
    public async Task GracefulStop_StopTakesLongerThanTimeout_FalseThenActorStillStops()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new SlowToStop(TestActor, gate)));
        Watch(actor);

        var stop = actor.GracefulStop(StopTimeout);
        await ExpectMsgAsync("in-post-stop");
        Advance(StopTimeout);

        Assert.False(await stop.WaitAsync(TimeSpan.FromSeconds(3)));
        gate.Release();
        await ExpectTerminatedAsync(actor);
    }
}
