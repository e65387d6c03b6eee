using Liberty.Actors;
using Xunit.Sdk;

namespace Liberty.Tests.TestKit;

/// <summary>ExpectNoMsg: passes on silence, fails on any message with what and when.</summary>
public sealed class ExpectNoMsgTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    [Fact]
    public void ExpectNoMsg_Silence_Passes() => ExpectNoMsg(TimeSpan.FromMilliseconds(50));

    [Fact]
    public void ExpectNoMsg_DefaultDuration_Is100Ms() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100), global::Liberty.TestKit.TestKitBase.DefaultNoMessageWait);

    [Fact]
    public void ExpectNoMsg_MessageWaiting_FailsNamingItAndTheWindow()
    {
        TestActor.Tell("surprise", ActorRefs.NoSender);

        var ex = Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromMilliseconds(200)));

        Assert.Contains("Expected no message for 200 ms but received \"surprise\" from no sender after", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectNoMsg_MessageArrivesDuringTheWindow_Fails()
    {
        var testActor = TestActor;
        using var timer = new Timer(_ => testActor.Tell("late", ActorRefs.NoSender), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);

        var ex = Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(3)));

        Assert.Contains("received \"late\"", ex.Message, StringComparison.Ordinal);
    }
}
