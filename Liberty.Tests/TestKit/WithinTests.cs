using System.Globalization;
using System.Text.RegularExpressions;
using Liberty.Actors;
using Xunit.Sdk;

namespace Liberty.Tests.TestKit;

/// <summary>Within: Remaining inside, expectations bounded by it, failures when too slow or too fast.</summary>
public sealed partial class WithinTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    [GeneratedRegex(@"within (\d+) ms")]
    private static partial Regex WithinMs();

    [Fact]
    public void Remaining_InsideWithin_IsPositiveAndAtMostTheMax()
    {
        var seen = TimeSpan.Zero;

        Within(TimeSpan.FromSeconds(2), () => seen = Remaining);

        Assert.InRange(seen, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Remaining_OutsideWithin_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Remaining);
        Assert.Equal(DefaultTimeout, RemainingOrDefault);
    }

    [Fact]
    public void Remaining_NestedWithin_IsBoundedByTheOuterBlock()
    {
        var inner = TimeSpan.Zero;

        Within(TimeSpan.FromMilliseconds(500), () => Within(TimeSpan.FromSeconds(10), () => inner = Remaining));

        Assert.InRange(inner, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Within_FastEnough_ReturnsTheBlocksResult()
    {
        TestActor.Tell("quick", ActorRefs.NoSender);

        Assert.Equal("quick", Within(TimeSpan.Zero, TimeSpan.FromSeconds(3), () => ExpectMsg<string>()));
    }

    [Fact]
    public void Within_BlockTooSlow_FailsSayingHowLongItTook()
    {
        var ex = Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(50), () => ExpectNoMsg(TimeSpan.FromMilliseconds(150))));

        Assert.Contains("more than the maximum 50 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_BlockTooFast_FailsAgainstTheMinimum()
    {
        var ex = Assert.Throws<XunitException>(() => Within(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), () => { }));

        Assert.Contains("less than the minimum 1000 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_InsideWithin_WaitsOnlyForTheRemainingTime()
    {
        var ex = Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<string>()));

        var waited = int.Parse(WithinMs().Match(ex.Message).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(waited, 0, 200);
    }
}
