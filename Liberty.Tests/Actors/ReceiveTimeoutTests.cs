using Liberty.Actors;
using Liberty.TestKit;

namespace Liberty.Tests.Actors;

/// <summary>
/// SetReceiveTimeout on virtual time. A <see cref="Barrier"/> (not influencing the timeout) proves the
/// actor has finished every earlier message, including rescheduling its timeout.
/// </summary>
public sealed class ReceiveTimeoutTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output, new TestKitOptions { VirtualTime = true })
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    public sealed record Barrier : INotInfluenceReceiveTimeout;

    private sealed class Sleepy : ReceiveActor
    {
        public Sleepy(IActorRef probe)
        {
            Receive<ReceiveTimeout>(_ => probe.Tell("timeout"));
            Receive<Barrier>(_ => probe.Tell("barrier"));
            Receive<string>(_ =>
            {
                Context.SetReceiveTimeout(null);
                probe.Tell("off");
            }, s => s == "off");
            Receive<string>(_ => probe.Tell(Context.ReceiveTimeout ?? TimeSpan.Zero), s => s == "current");
            ReceiveAny(m => probe.Tell(m));
        }

        protected internal override void PreStart() => Context.SetReceiveTimeout(Idle);
    }

    private IActorRef NewSleepy()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Sleepy(TestActor)));
        Sync(actor);
        return actor;
    }

    private void Sync(IActorRef actor)
    {
        actor.Tell(new Barrier(), null);
        ExpectMsg("barrier", hint: "something arrived before the barrier");
    }

    [Fact]
    public void ReceiveTimeout_Idle_FiresExactlyAfterTheSpan()
    {
        var actor = NewSleepy();

        Advance(Idle - OneTick);
        Sync(actor);
        Advance(OneTick);

        ExpectMsg("timeout");
    }

    [Fact]
    public void ReceiveTimeout_MessageArrives_IdleSpanStartsAgain()
    {
        var actor = NewSleepy();
        Advance(Idle / 2);
        actor.Tell("work", null);
        ExpectMsg("work");
        Sync(actor);

        Advance(Idle - OneTick);
        Sync(actor);
        Advance(OneTick);

        ExpectMsg("timeout");
    }

    [Fact]
    public void ReceiveTimeout_NotInfluencingMessages_DoNotResetIt()
    {
        var actor = NewSleepy();

        Advance(Idle / 2);
        Sync(actor);
        Advance(Idle / 2);

        ExpectMsg("timeout");
    }

    [Fact]
    public void ReceiveTimeout_StillIdleAfterATimeout_FiresAgain()
    {
        var actor = NewSleepy();
        Advance(Idle);
        ExpectMsg("timeout");
        Sync(actor);

        Advance(Idle);

        ExpectMsg("timeout");
    }

    [Fact]
    public void SetReceiveTimeoutNull_TurnsItOff()
    {
        var actor = NewSleepy();
        actor.Tell("current", null);
        Assert.Equal(Idle, ExpectMsg<TimeSpan>());

        actor.Tell("off", null);
        ExpectMsg("off");
        Advance(Idle * 5);

        Sync(actor);
        actor.Tell("current", null);
        Assert.Equal(TimeSpan.Zero, ExpectMsg<TimeSpan>());
        Assert.Equal(0, Time!.ActiveTimerCount);
    }

    [Fact]
    public void Stop_WithReceiveTimeout_TimerDisposed()
    {
        var actor = NewSleepy();
        Assert.Equal(1, Time!.ActiveTimerCount);
        Watch(actor);

        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.Equal(0, Time.ActiveTimerCount);
    }
}
