using Xunit.Sdk;

namespace Liberty.Tests.TestKit;

/// <summary>AwaitAssert and AwaitCondition: retry until it holds, fail with the last failure and the time waited.</summary>
public sealed class AwaitAssertTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    [Fact]
    public void AwaitAssert_HoldsOnTheThirdTry_Passes()
    {
        var tries = 0;

        AwaitAssert(() => Assert.True(++tries >= 3, $"try {tries}"), TimeSpan.FromSeconds(3), Interval);

        Assert.Equal(3, tries);
    }

    [Fact]
    public void AwaitAssert_NeverHolds_FailsWithTheLastFailureAndTheTimeWaited()
    {
        var tries = 0;

        var ex = Assert.Throws<XunitException>(() => AwaitAssert(() => Assert.Equal(-1, ++tries), TimeSpan.FromMilliseconds(100), Interval));

        Assert.StartsWith("AwaitAssert: still failing after ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"Actual:   {tries}", ex.Message, StringComparison.Ordinal);
        Assert.True(tries > 1);
    }

    [Fact]
    public void AwaitCondition_TrueOnTheThirdCheck_Passes()
    {
        var checks = 0;

        AwaitCondition(() => ++checks >= 3, TimeSpan.FromSeconds(3), Interval);

        Assert.Equal(3, checks);
    }

    [Fact]
    public void AwaitCondition_NeverTrue_FailsWithTheDurationAndMessage()
    {
        var ex = Assert.Throws<XunitException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(100), Interval, "the flag"));

        Assert.Contains("condition not met within 100 ms", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Hint: the flag", ex.Message, StringComparison.Ordinal);
    }
}
