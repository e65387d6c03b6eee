using Liberty.Actors;
using Xunit.Sdk;

namespace Liberty.Tests.TestKit;

/// <summary>ReceiveN, ReceiveWhile and FishForMessage.</summary>
public sealed class ReceiveTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    private void Send(params object[] messages)
    {
        foreach (var m in messages)
        {
            TestActor.Tell(m, ActorRefs.NoSender);
        }
    }

    [Fact]
    public void ReceiveN_EnoughMessages_ReturnsThemInArrivalOrder()
    {
        Send("a", "b", "c", "d");

        Assert.Equal(["a", "b", "c"], ReceiveN(3));
        ExpectMsg("d");
    }

    [Fact]
    public void ReceiveN_TooFewMessages_FailsListingWhatCame()
    {
        Send("a", "b");

        var ex = Assert.Throws<XunitException>(() => ReceiveN(3, Short));

        Assert.Contains("expected 3 messages within 150 ms but received 2: [\"a\", \"b\"]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveWhile_FilterRejects_StopsAndConsumesTheRejectedMessage()
    {
        Send("a", "b", 3, "d");

        var taken = ReceiveWhile(m => m as string, Short);

        Assert.Equal(["a", "b"], taken);
        ExpectMsg("d");
    }

    [Fact]
    public void ReceiveWhile_MaxMessages_StopsThere()
    {
        Send("a", "b", "c");

        Assert.Equal(["a", "b"], ReceiveWhile(m => m as string, Short, maxMessages: 2));
        ExpectMsg("c");
    }

    [Fact]
    public void ReceiveWhile_IdleGap_StopsWithoutWaitingForTheWholeMax()
    {
        Send("a");

        var taken = Within(TimeSpan.Zero, TimeSpan.FromSeconds(2), () => ReceiveWhile(m => m as string, TimeSpan.FromSeconds(10), idle: TimeSpan.FromMilliseconds(50)));

        Assert.Equal(["a"], taken);
    }

    [Fact]
    public void FishForMessage_MatchAfterOthers_SkipsThemAndReturnsTheMatch()
    {
        Send("a", 1, "target", "after");

        Assert.Equal("target", FishForMessage<string>(s => s.StartsWith('t')));
        ExpectMsg("after");
    }

    [Fact]
    public void FishForMessage_NoMatch_FailsListingWhatWasSkipped()
    {
        Send("a", 1);

        var ex = Assert.Throws<XunitException>(() => FishForMessage(m => m is double, Short, "a double"));

        Assert.Contains("no Object matched within 150 ms; skipped [\"a\", Int32 1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Hint: a double", ex.Message, StringComparison.Ordinal);
    }
}
