using Liberty.Actors;
using Liberty.TestKit;

namespace Liberty.Tests.Actors;

/// <summary>
/// Keyed actor timers (IWithTimers) on virtual time. A timer's callback runs inside <c>Advance</c> and
/// only enqueues, so a marker told after <c>Advance</c> proves by its arrival order whether a timer fired.
/// </summary>
public sealed class TimerTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output, new TestKitOptions { VirtualTime = true })
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    public sealed record StartSingle(string Key, string Message, TimeSpan Delay);

    public sealed record StartPeriodic(string Key, string Message, TimeSpan Interval);

    public sealed record Cancel(string Key);

    public sealed record IsActive(string Key);

    public sealed record Block(SemaphoreSlim Gate);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public TimerActor(IActorRef probe)
        {
            Receive<StartSingle>(s =>
            {
                Timers.StartSingleTimer(s.Key, s.Message, s.Delay);
                Sender.Tell("ack");
            });
            Receive<StartPeriodic>(s =>
            {
                Timers.StartPeriodicTimer(s.Key, s.Message, s.Interval);
                Sender.Tell("ack");
            });
            Receive<Cancel>(c =>
            {
                Timers.Cancel(c.Key);
                Sender.Tell("ack");
            });
            Receive<IsActive>(a => Sender.Tell(Timers.IsTimerActive(a.Key)));
            Receive<Block>(b =>
            {
                probe.Tell("blocked");
                Assert.True(b.Gate.Wait(TimeSpan.FromSeconds(10)), "the test never opened the gate");
            });
            Receive<string>(_ => throw new InvalidOperationException("fail requested"), s => s == "fail");
            ReceiveAny(m => probe.Tell(m));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected internal override void PostRestart(Exception reason)
        {
            Self.Tell("restarted", null);
            base.PostRestart(reason);
        }
    }

    private IActorRef NewTimerActor() => Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

    private void Command(IActorRef actor, object command)
    {
        actor.Tell(command, TestActor);
        ExpectMsg("ack");
    }

    /// <summary>Asserts that nothing the actor had queued before this call reaches the probe.</summary>
    private void ExpectNothingQueued(IActorRef actor)
    {
        actor.Tell("marker", null);
        ExpectMsg("marker", hint: "a timer message arrived before the marker");
    }

    [Fact]
    public void SingleTimer_Delay_FiresOnceExactlyAtDelay()
    {
        var actor = NewTimerActor();
        Command(actor, new StartSingle("k", "tick", Delay));

        Advance(Delay - OneTick);
        ExpectNothingQueued(actor);
        Advance(OneTick);
        ExpectMsg("tick");
        Advance(Delay * 10);
        ExpectNothingQueued(actor);
    }

    [Fact]
    public void PeriodicTimer_SeveralPeriodsCrossed_FiresOncePerPeriod()
    {
        var actor = NewTimerActor();
        Command(actor, new StartPeriodic("k", "tick", Delay));

        Advance(Delay * 3.5);
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectNothingQueued(actor);
        Advance(Delay * 0.5);
        ExpectMsg("tick");
    }

    [Fact]
    public void StartSingleTimer_SameKeyRestarted_OldMessageNeverArrivesEvenIfAlreadyDue()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = NewTimerActor();
        Command(actor, new StartSingle("k", "old", Delay));
        actor.Tell(new Block(gate), null);
        ExpectMsg("blocked");

        actor.Tell(new StartSingle("k", "new", Delay), TestActor);
        Advance(Delay);
        gate.Release();

        ExpectMsg("ack");
        ExpectNothingQueued(actor);
        Advance(Delay);
        ExpectMsg("new");
    }

    [Fact]
    public void Cancel_BeforeDue_NeverFires()
    {
        var actor = NewTimerActor();
        Command(actor, new StartSingle("k", "tick", Delay));

        Command(actor, new Cancel("k"));
        Advance(Delay * 2);

        ExpectNothingQueued(actor);
        Assert.Equal(0, Time!.ActiveTimerCount);
    }

    [Fact]
    public void Cancel_AfterDueButBeforeProcessed_MessageDropped()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = NewTimerActor();
        Command(actor, new StartPeriodic("k", "tick", Delay));
        actor.Tell(new Block(gate), null);
        ExpectMsg("blocked");

        actor.Tell(new Cancel("k"), TestActor);
        Advance(Delay);
        gate.Release();

        ExpectMsg("ack");
        ExpectNothingQueued(actor);
    }

    [Fact]
    public void IsTimerActive_SingleTimer_TrueUntilItsMessageIsProcessed()
    {
        var actor = NewTimerActor();
        Command(actor, new StartSingle("k", "tick", Delay));
        actor.Tell(new IsActive("k"), TestActor);
        Assert.True(ExpectMsg<bool>());

        Advance(Delay);
        ExpectMsg("tick");
        actor.Tell(new IsActive("k"), TestActor);

        Assert.False(ExpectMsg<bool>());
    }

    [Fact]
    public void Stop_ActiveTimers_Cancelled()
    {
        var actor = NewTimerActor();
        Command(actor, new StartPeriodic("a", "tick", Delay));
        Command(actor, new StartSingle("b", "tock", Delay));
        Assert.Equal(2, Time!.ActiveTimerCount);
        Watch(actor);

        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.Equal(0, Time.ActiveTimerCount);
        Advance(Delay * 3);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Restart_ActiveTimers_CancelledForNewInstance()
    {
        var actor = NewTimerActor();
        Command(actor, new StartPeriodic("k", "tick", Delay));

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("fail", null));
        ExpectMsg("restarted");
        Advance(Delay * 3);

        ExpectNothingQueued(actor);
        actor.Tell(new IsActive("k"), TestActor);
        Assert.False(ExpectMsg<bool>());
        Assert.Equal(0, Time!.ActiveTimerCount);
    }
}
