using System.Collections.Concurrent;
using Liberty.Actors;

namespace Liberty.Tests.Actors;

public class ActorSystemTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    private static readonly string[] AChildren = ["a1", "a2"];
    private static readonly string[] InfraChildren = ["i1"];
    private static readonly string[] UserActors = ["/user/a", "/user/a/a1", "/user/a/a2", "/user/b"];

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    /// <summary>Logs its PostStop into a queue that outlives the system; creates the named children.</summary>
    private sealed class Logged : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _log;

        public Logged(ConcurrentQueue<string> log, string[] children)
        {
            _log = log;
            foreach (var child in children)
            {
                Context.ActorOf(Props.Create(() => new Logged(log, Array.Empty<string>())), child);
            }
            ReceiveAny(m => Sender.Tell(m));
        }

        protected internal override void PostStop() => _log.Enqueue(Self.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void ActorOf_TopLevelActor_LivesUnderUserWithSystemAddress()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");

        Assert.Equal("liberty://test@local/user/echo", echo.Path.ToString());
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
    }

    private sealed class Drainer(SemaphoreSlim gate) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            gate.Wait();
            var taken = new List<object>();
            while (TryTakeNextMessage(out var next, out _))
            {
                taken.Add(next);
            }
            Sender.Tell(taken.ToArray());
        }
    }

    [Fact]
    public void TryTakeNextMessage_InsideHandler_DrainsQueuedMessagesInOrder()
    {
        using var gate = new SemaphoreSlim(0);
        var drainer = Sys.ActorOf(Props.Create(() => new Drainer(gate)));

        drainer.Tell("first", TestActor);
        drainer.Tell(1, TestActor);
        drainer.Tell(2, TestActor);
        drainer.Tell(3, TestActor);
        gate.Release();

        Assert.Equal([1, 2, 3], ExpectMsg<object[]>());
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Terminate_RunningActors_WhenTerminatedAfterEveryPostStopChildrenFirstUserBeforeSystem()
    {
        var log = new ConcurrentQueue<string>();
        var system = ActorSystem.Create("terminating");
        var a = system.ActorOf(Props.Create(() => new Logged(log, AChildren)), "a");
        var b = system.ActorOf(Props.Create(() => new Logged(log, Array.Empty<string>())), "b");
        var infra = system.SystemActorOf(Props.Create(() => new Logged(log, InfraChildren)), "infra");
        foreach (var actor in new[] { a, b, infra })
        {
            Assert.Equal("up", await actor.Ask<string>("up", TimeSpan.FromSeconds(3)));
        }

        var terminated = system.Terminate();
        await terminated.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Same(terminated, system.WhenTerminated);
        Assert.Same(system.WhenTerminated, system.Terminate());
        var order = log.ToList();
        Assert.Equal(6, order.Count);
        Assert.True(order.IndexOf("/user/a/a1") < order.IndexOf("/user/a"), string.Join(", ", order));
        Assert.True(order.IndexOf("/user/a/a2") < order.IndexOf("/user/a"), string.Join(", ", order));
        Assert.True(order.IndexOf("/system/infra/i1") < order.IndexOf("/system/infra"), string.Join(", ", order));
        var lastUser = UserActors.Max(order.IndexOf);
        Assert.True(lastUser < order.IndexOf("/system/infra/i1"), $"user actors stop before system actors: {string.Join(", ", order)}");
    }

    [Fact]
    public async Task Terminate_ThenTell_DeadLettered()
    {
        var system = ActorSystem.Create("terminating");
        var echo = system.ActorOf(Props.Create<Echo>(), "echo");
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        var before = system.DeadLetterCount;
        echo.Tell("late", null);

        Assert.Equal(before + 1, system.DeadLetterCount);
    }

    [Fact]
    public async Task Terminate_PendingAsk_FailsInsteadOfHanging()
    {
        var system = ActorSystem.Create("terminating");
        var hole = system.ResolveActorRef("/user/never");
        var ask = hole.Ask<string>("anyone?");
        Assert.False(ask.IsCompleted);

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<AskTimeoutException>(() => ask.WaitAsync(TimeSpan.FromSeconds(3)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public void Create_InvalidName_ArgumentException(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => ActorSystem.Create(name));
}
