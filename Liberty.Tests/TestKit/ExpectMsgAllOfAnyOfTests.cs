using Liberty.Actors;
using Xunit.Sdk;

namespace Liberty.Tests.TestKit;

/// <summary>ExpectMsgAllOf (any order) and ExpectMsgAnyOf.</summary>
public sealed class ExpectMsgAllOfAnyOfTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    [Fact]
    public void ExpectMsgAllOf_AllArriveInAnotherOrder_ReturnsThemInArrivalOrder()
    {
        TestActor.Tell("c", ActorRefs.NoSender);
        TestActor.Tell("a", ActorRefs.NoSender);
        TestActor.Tell("b", ActorRefs.NoSender);

        Assert.Equal(["c", "a", "b"], ExpectMsgAllOf("a", "b", "c"));
    }

    [Fact]
    public void ExpectMsgAllOf_OneDiffers_FailsListingMissingAndUnexpected()
    {
        TestActor.Tell("a", ActorRefs.NoSender);
        TestActor.Tell("x", ActorRefs.NoSender);

        var ex = Assert.Throws<XunitException>(() => ExpectMsgAllOf(Short, "a", "b"));

        Assert.Contains("missing [\"b\"], unexpected [\"x\"]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgAllOf_DuplicateExpected_NeedsBothCopies()
    {
        TestActor.Tell("a", ActorRefs.NoSender);
        TestActor.Tell("b", ActorRefs.NoSender);

        var ex = Assert.Throws<XunitException>(() => ExpectMsgAllOf(Short, "a", "a"));

        Assert.Contains("missing [\"a\"]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgAllOf_TooFew_FailsSayingHowManyCame()
    {
        TestActor.Tell("a", ActorRefs.NoSender);

        var ex = Assert.Throws<XunitException>(() => ExpectMsgAllOf(Short, "a", "b"));

        Assert.Contains("expected 2 messages within 150 ms but received 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgAnyOf_OneOfThem_ReturnsIt()
    {
        TestActor.Tell("b", ActorRefs.NoSender);

        Assert.Equal("b", ExpectMsgAnyOf("a", "b"));
    }

    [Fact]
    public void ExpectMsgAnyOf_NoneOfThem_FailsListingTheCandidates()
    {
        TestActor.Tell("z", ActorRefs.NoSender);

        var ex = Assert.Throws<XunitException>(() => ExpectMsgAnyOf("a", "b"));

        Assert.Contains("equal to any of [\"a\", \"b\"]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("received \"z\"", ex.Message, StringComparison.Ordinal);
    }
}
