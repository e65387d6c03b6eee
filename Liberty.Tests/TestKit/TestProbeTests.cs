using Liberty.Actors;
using Liberty.TestKit;

namespace Liberty.Tests.TestKit;

/// <summary>TestProbe: its own inbox, Send, Forward, Reply.</summary>
public sealed class TestProbeTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void Probe_MessageToIt_ArrivesInItsInboxOnly()
    {
        var probe = CreateTestProbe("p");

        probe.Ref.Tell("for the probe", ActorRefs.NoSender);

        probe.ExpectMsg("for the probe");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal("/user/p", probe.Ref.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void Send_ToEcho_ProbeIsTheSenderAndGetsTheReply()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<Echo>());

        probe.Send(echo, "ping");

        probe.ExpectMsgFrom(echo, "ping");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Forward_LastMessage_KeepsTheOriginalSender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<Echo>());
        probe.Ref.Tell("via probe", TestActor);
        probe.ExpectMsg("via probe");

        probe.Forward(echo);

        ExpectMsgFrom(echo, "via probe");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Reply_LastSender_GetsTheReplyFromTheProbe()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("question", TestActor);
        probe.ExpectMsg("question");

        probe.Reply("answer");

        ExpectMsgFrom(probe.Ref, "answer");
    }

    [Fact]
    public void Reply_LastMessageHadNoSender_Throws()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("anonymous", ActorRefs.NoSender);
        probe.ExpectMsg("anonymous");

        Assert.Throws<InvalidOperationException>(() => probe.Reply("to whom?"));
    }

    [Fact]
    public void Forward_NothingReceivedYet_Throws()
    {
        var probe = CreateTestProbe();

        Assert.Throws<InvalidOperationException>(() => probe.Forward(TestActor));
    }

    [Fact]
    public async Task Ask_ProbeReplies_AskCompletes()
    {
        var probe = CreateTestProbe();

        var ask = probe.Ref.Ask<string>("q", TimeSpan.FromSeconds(3));
        probe.ExpectMsg("q");
        probe.Reply("a");

        Assert.Equal("a", await ask);
    }

    [Fact]
    public void TestProbe_IsATestKitBase()
    {
        TestKitBase probe = CreateTestProbe();

        Assert.Equal(Sys, probe.Sys);
    }
}
