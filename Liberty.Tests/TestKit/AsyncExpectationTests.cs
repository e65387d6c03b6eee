using Liberty.Actors;
using Liberty.Actors.Events;
using Xunit.Sdk;

namespace Liberty.Tests.TestKit;

/// <summary>The async twins: same results and same failure messages as the blocking calls.</summary>
public sealed class AsyncExpectationTests(ITestOutputHelper output) : global::Liberty.TestKit.TestKit(output)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    [Fact]
    public async Task ExpectMsgAsync_TypeValueAndPredicate_PassWhenTheyMatch()
    {
        TestActor.Tell(1, ActorRefs.NoSender);
        TestActor.Tell("two", ActorRefs.NoSender);
        TestActor.Tell(3, ActorRefs.NoSender);

        Assert.Equal(1, await ExpectMsgAsync<int>());
        Assert.Equal("two", await ExpectMsgAsync("two"));
        Assert.Equal(3, await ExpectMsgAsync<int>(n => n == 3));
    }

    [Fact]
    public async Task ExpectMsgAsync_NothingArrives_FailsSayingHowLongItWaited()
    {
        var ex = await Assert.ThrowsAsync<XunitException>(() => ExpectMsgAsync<string>(Short));

        Assert.Contains("Expected String within 150 ms but received nothing (waited", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectMsgAsync_WrongValue_FailsNamingBoth()
    {
        TestActor.Tell("b", ActorRefs.NoSender);

        var ex = await Assert.ThrowsAsync<XunitException>(() => ExpectMsgAsync("a", Short));

        Assert.Contains("equal to \"a\" but received \"b\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectMsgAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var waiting = ExpectMsgAsync<string>(TimeSpan.FromSeconds(10), cancellationToken: cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task ExpectNoMsgAsync_SilenceThenMessage_PassesThenFails()
    {
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        TestActor.Tell("x", ActorRefs.NoSender);

        var ex = await Assert.ThrowsAsync<XunitException>(() => ExpectNoMsgAsync(Short));

        Assert.Contains("Expected no message for 150 ms but received \"x\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveNAsync_EnoughThenTooFew_ReturnsThenFails()
    {
        TestActor.Tell("a", ActorRefs.NoSender);
        TestActor.Tell("b", ActorRefs.NoSender);
        TestActor.Tell("c", ActorRefs.NoSender);

        Assert.Equal(["a", "b"], await ReceiveNAsync(2));
        var ex = await Assert.ThrowsAsync<XunitException>(() => ReceiveNAsync(2, Short));

        Assert.Contains("expected 2 messages within 150 ms but received 1: [\"c\"]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FishForMessageAsync_SkipsUntilMatchThenFailsWhenNone()
    {
        TestActor.Tell(1, ActorRefs.NoSender);
        TestActor.Tell(2, ActorRefs.NoSender);
        TestActor.Tell(3, ActorRefs.NoSender);

        Assert.Equal(2, await FishForMessageAsync<int>(n => n == 2));
        var ex = await Assert.ThrowsAsync<XunitException>(() => FishForMessageAsync<int>(n => n == 9, Short));

        Assert.Contains("skipped [Int32 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectTerminatedAsync_WatchedActorStops_ReturnsTheNotice()
    {
        var actor = Sys.ActorOf(Props.Create<Idle>());
        Watch(actor);

        Sys.Stop(actor);

        Assert.Equal(actor, (await ExpectTerminatedAsync(actor)).ActorRef);
    }

    [Fact]
    public async Task AwaitAssertAsync_HoldsOnTheThirdTry_PassesAndFailsWhenNever()
    {
        var tries = 0;
        await AwaitAssertAsync(() =>
        {
            Assert.True(++tries >= 3);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(5));
        Assert.Equal(3, tries);

        var ex = await Assert.ThrowsAsync<XunitException>(() => AwaitAssertAsync(() => throw new InvalidOperationException("never"), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(5)));
        Assert.Contains("still failing after", ex.Message, StringComparison.Ordinal);
        Assert.Contains("never", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwaitConditionAsync_TrueOnTheThirdCheck_PassesAndFailsWhenNever()
    {
        var checks = 0;
        await AwaitConditionAsync(() => ++checks >= 3, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(5));
        Assert.Equal(3, checks);

        var ex = await Assert.ThrowsAsync<XunitException>(() => AwaitConditionAsync(() => false, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(5), "flag"));
        Assert.Contains("condition not met within 50 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithinAsync_FastPassesSlowFails()
    {
        TestActor.Tell("quick", ActorRefs.NoSender);
        await WithinAsync(TimeSpan.Zero, TimeSpan.FromSeconds(3), async () => await ExpectMsgAsync("quick"));

        var ex = await Assert.ThrowsAsync<XunitException>(() => WithinAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), () => ExpectNoMsgAsync(TimeSpan.FromMilliseconds(150))));
        Assert.Contains("outside [0 ms, 50 ms]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithinAsync_ExpectationInside_UsesTheRemainingTime()
    {
        var ex = await Assert.ThrowsAsync<XunitException>(() => WithinAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(200), () => ExpectMsgAsync<string>()));

        Assert.DoesNotContain("within 3000 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventFilterExpectAsync_CountMatchesOrNot_PassesThenFails()
    {
        await EventFilter.Info(message: "async tick").ExpectOneAsync(() =>
        {
            Sys.Log.Info("async tick");
            return Task.CompletedTask;
        });

        var ex = await Assert.ThrowsAsync<XunitException>(() => EventFilter.Info(message: "async tick").ExpectAsync(2, () =>
        {
            Sys.Log.Info("async tick");
            return Task.CompletedTask;
        }, Short));
        Assert.Contains("expected 2 event(s) Info message \"async tick\" but saw 1", ex.Message, StringComparison.Ordinal);
    }
}
