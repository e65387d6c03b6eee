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
}
