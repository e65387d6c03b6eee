using Liberty.Actors;
using Liberty.TestKit;

namespace Liberty.Tests.TestKit;

/// <summary>A kit with virtual time: the system's timers, asks and deadlines move only with Advance.</summary>
public sealed class VirtualTimeTests(ITestOutputHelper output)
    : global::Liberty.TestKit.TestKit(output, new TestKitOptions { VirtualTime = true })
{
    private sealed class Alarm : ReceiveActor, IWithTimers
    {
        public Alarm(IActorRef target)
        {
            Receive<TimeSpan>(delay => Timers.StartSingleTimer("alarm", "ring", delay));
            Receive<string>(s => target.Tell(s));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    [Fact]
    public void Time_VirtualKit_IsAManualProviderUsedByTheSystem()
    {
        Assert.NotNull(Time);
        Assert.Same(Time, Sys.TimeProvider);
        Assert.Equal(ManualTimeProvider.DefaultStart, Sys.TimeProvider.GetUtcNow());
    }

    [Fact]
    public void Advance_PastAnActorsTimer_DeliversItsMessage()
    {
        var alarm = Sys.ActorOf(Props.Create(() => new Alarm(TestActor)));
        alarm.Tell(TimeSpan.FromSeconds(10), ActorRefs.NoSender);
        AwaitCondition(() => Time!.ActiveTimerCount == 1, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(5));

        Advance(TimeSpan.FromSeconds(9));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromSeconds(1));

        ExpectMsg("ring");
    }

    [Fact]
    public async Task Advance_PastAnAsksTimeout_FaultsTheAsk()
    {
        var silent = Sys.ActorOf(Props.Create<Silent>());
        var ask = silent.Ask<string>("anyone?", TimeSpan.FromSeconds(5));

        Advance(TimeSpan.FromSeconds(4));
        Assert.False(ask.IsCompleted);
        Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<AskTimeoutException>(() => ask.WaitAsync(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Advance_RealTimeKit_Throws()
    {
        var kit = new RealTimeKit();
        try
        {
            Assert.Null(kit.Time);
            Assert.Throws<InvalidOperationException>(() => kit.Advance(TimeSpan.FromSeconds(1)));
        }
        finally
        {
            kit.Dispose();
        }
    }

    private sealed class RealTimeKit() : global::Liberty.TestKit.TestKit();
}
