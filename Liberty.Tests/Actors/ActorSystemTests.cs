using Liberty.Actors;

namespace Liberty.Tests.Actors;

public class ActorSystemTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
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
}
