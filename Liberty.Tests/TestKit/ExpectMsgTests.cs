using Liberty.Actors;
using Xunit.Sdk;

namespace Liberty.Tests.TestKit;

/// <summary>ExpectMsg in all its forms, ExpectMsgFrom, and what their failures say.</summary>
public sealed class ExpectMsgTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void ExpectMsgOfType_MessageArrives_ReturnsItAndRecordsSender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");

        echo.Tell(42, TestActor);

        Assert.Equal(42, ExpectMsg<int>());
        Assert.Equal(echo, LastSender);
        Assert.Equal(42, LastMessage);
    }

    [Fact]
    public void ExpectMsgOfType_OtherTypeArrives_FailsNamingBoth()
    {
        TestActor.Tell("text", ActorRefs.NoSender);

        var ex = Assert.Throws<XunitException>(() => ExpectMsg<int>(Short));

        Assert.Contains("Expected Int32", ex.Message, StringComparison.Ordinal);
        Assert.Contains("received \"text\" from no sender", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(after ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgOfType_NothingArrives_FailsSayingHowLongItWaited()
    {
        var ex = Assert.Throws<XunitException>(() => ExpectMsg<string>(Short));

        Assert.Contains("Expected String within 150 ms but received nothing", ex.Message, StringComparison.Ordinal);
        // The wait may end a timer tick early; it must still be about the requested 150 ms.
        var waited = System.Text.RegularExpressions.Regex.Match(ex.Message, @"\(waited (\d+) ms\)");
        Assert.True(waited.Success, ex.Message);
        Assert.InRange(int.Parse(waited.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 100, int.MaxValue);
    }

    [Fact]
    public void ExpectMsgValue_EqualMessage_ReturnsIt()
    {
        TestActor.Tell("hello", ActorRefs.NoSender);

        Assert.Equal("hello", ExpectMsg("hello"));
    }

    [Fact]
    public void ExpectMsgValue_DifferentMessage_FailsNamingExpectedAndReceived()
    {
        TestActor.Tell("bye", ActorRefs.NoSender);

        var ex = Assert.Throws<XunitException>(() => ExpectMsg("hello", Short));

        Assert.Contains("Expected String equal to \"hello\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("received \"bye\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgPredicate_MatchAndMismatch_PassesThenFails()
    {
        TestActor.Tell(4, ActorRefs.NoSender);
        TestActor.Tell(5, ActorRefs.NoSender);

        Assert.Equal(4, ExpectMsg<int>(n => n % 2 == 0));
        var ex = Assert.Throws<XunitException>(() => ExpectMsg<int>(n => n % 2 == 0, Short));

        Assert.Contains("Int32 matching the predicate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("received Int32 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgAssertion_AssertionFails_PropagatesTheAssertionsFailure()
    {
        TestActor.Tell("abc", ActorRefs.NoSender);
        TestActor.Tell("xyz", ActorRefs.NoSender);

        Assert.Equal("abc", ExpectMsg<string>(s => Assert.StartsWith("a", s, StringComparison.Ordinal)));
        Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>(s => Assert.StartsWith("a", s, StringComparison.Ordinal)));
    }

    [Fact]
    public void ExpectMsg_WithHint_HintAppearsInTheFailure()
    {
        var ex = Assert.Throws<XunitException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(20), hint: "the greeting"));

        Assert.EndsWith("Hint: the greeting", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgFrom_RightAndWrongSender_PassesThenFailsNamingBothSenders()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell("one", TestActor);
        echo.Tell("two", TestActor);

        Assert.Equal("one", ExpectMsgFrom(echo, "one"));
        var ex = Assert.Throws<XunitException>(() => ExpectMsgFrom<string>(TestActor, Short));

        Assert.Contains($"from {TestActor.Path}", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"it came from {echo.Path}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgFromValue_RightSenderWrongValue_FailsNamingTheValue()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell("actual", TestActor);

        var ex = Assert.Throws<XunitException>(() => ExpectMsgFrom(echo, "wanted", Short));

        Assert.Contains("Expected \"wanted\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("got \"actual\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PendingMessageCount_MessagesQueued_CountsUnexpectedOnes()
    {
        TestActor.Tell(1, ActorRefs.NoSender);
        TestActor.Tell(2, ActorRefs.NoSender);

        Assert.Equal(2, PendingMessageCount);
        ExpectMsg(1);
        Assert.Equal(1, PendingMessageCount);
    }
}
