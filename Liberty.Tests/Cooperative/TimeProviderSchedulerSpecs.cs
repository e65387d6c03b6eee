using Akka.Actor;
using Liberty.Actors;
using Liberty.Actors.Time;
using Liberty.Tests.Support;

namespace Liberty.Tests.Cooperative;

/// <summary>Akka's scheduler on the system's clock: virtual time drives actor timers and scheduled tells.</summary>
public sealed class TimeProviderSchedulerSpecs(ITestOutputHelper output) : LibertyTestKit(output, virtualTime: true)
{
    private sealed class Ticker : ReceiveActor, IWithTimers
    {
        public Ticker(IActorRef report)
        {
            Receive<string>(s => s == "tick", _ => report.Tell("tick"));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => Timers.StartPeriodicTimer("t", "tick", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Scheduler_OfALibertySystem_IsOnTheVirtualClock()
    {
        var scheduler = Assert.IsType<TimeProviderScheduler>(Sys.Scheduler);
        Assert.Same(Clock, scheduler.Clock);
        Assert.Equal(Clock.GetUtcNow(), Sys.Scheduler.Now);
    }

    [Fact]
    public void ScheduleTellOnce_ClockNotYetThere_NothingArrives_ThenExactlyOnce()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(10), TestActor, "due", ActorRefs.NoSender);
        Advance(TimeSpan.FromSeconds(9.999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("due");
        Advance(TimeSpan.FromSeconds(100));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ScheduleTellOnce_Cancelled_NeverArrives()
    {
        var cancelable = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromSeconds(1), TestActor, "cancelled", ActorRefs.NoSender);
        cancelable.Cancel();
        Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ActorTimer_Periodic_FiresOncePerVirtualPeriod()
    {
        Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        AwaitCondition(() => Clock.ActiveTimerCount > 0, TimeSpan.FromSeconds(5));
        Advance(TimeSpan.FromSeconds(3));
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Clock_OfTheSystem_IsTheOneGivenAtCreation()
    {
        Assert.Same(Clock, LibertyActorSystem.Clock(Sys));
    }
}
