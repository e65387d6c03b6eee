using Liberty.Actors;
using Xunit.Sdk;

namespace Liberty.Tests.TestKit;

/// <summary>Watch, Unwatch and ExpectTerminated from the kit and from probes.</summary>
public sealed class WatchTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    [Fact]
    public void ExpectTerminated_WatchedActorStops_ReturnsTheNotice()
    {
        var actor = Sys.ActorOf(Props.Create<Idle>());
        Watch(actor);

        Sys.Stop(actor);

        var terminated = ExpectTerminated(actor);
        Assert.Equal(actor, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void ExpectTerminated_OtherActorStops_FailsNamingTheExpectedActor()
    {
        var watched = Sys.ActorOf(Props.Create<Idle>(), "watched");
        var expected = Sys.ActorOf(Props.Create<Idle>(), "expected");
        Watch(watched);
        Sys.Stop(watched);

        var ex = Assert.Throws<XunitException>(() => ExpectTerminated(expected, TimeSpan.FromSeconds(3)));

        Assert.Contains($"Expected Terminated for {expected.Path}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/user/watched", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unwatch_BeforeTheStop_NoTerminatedArrives()
    {
        var actor = Sys.ActorOf(Props.Create<Idle>());
        Watch(actor);
        Unwatch(actor);
        var probe = CreateTestProbe();
        probe.Watch(actor);

        Sys.Stop(actor);

        probe.ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watch_ActorAlreadyStopped_TerminatedStillArrives()
    {
        var actor = Sys.ActorOf(Props.Create<Idle>());
        var probe = CreateTestProbe();
        probe.Watch(actor);
        Sys.Stop(actor);
        probe.ExpectTerminated(actor);

        Watch(actor);

        ExpectTerminated(actor);
    }
}
