using Liberty.Actors;
using Liberty.TestKit;

namespace Liberty.Tests.Actors;

/// <summary>Ask: reply, timeout on virtual time, Status.Failure, cancellation, wrong type, dead target.</summary>
public sealed class AskTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output, new TestKitOptions { VirtualTime = true })
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(3);

    public sealed record FailWith(Exception Cause);

    private sealed class Responder : ReceiveActor
    {
        public Responder()
        {
            Receive<string>(s => Sender.Tell($"re:{s}"));
            Receive<int>(i => Sender.Tell(i * 2));
            Receive<FailWith>(f => Sender.Tell(new Status.Failure(f.Cause)));
        }
    }

    private sealed class BlackHole : ReceiveActor
    {
        public BlackHole(IActorRef probe) => ReceiveAny(m => probe.Tell($"swallowed:{m}"));
    }

    [Fact]
    public async Task Ask_ActorReplies_CompletesWithReply()
    {
        var responder = Sys.ActorOf(Props.Create<Responder>());

        var reply = await responder.Ask<string>("ping", AskTimeout).WaitAsync(WallLimit);

        Assert.Equal("re:ping", reply);
    }

    [Fact]
    public async Task Ask_NoReply_AskTimeoutExceptionExactlyAtTimeout()
    {
        var hole = Sys.ActorOf(Props.Create(() => new BlackHole(TestActor)));

        var ask = hole.Ask<string>("anyone?", AskTimeout);
        await ExpectMsgAsync("swallowed:anyone?");
        Advance(AskTimeout - TimeSpan.FromTicks(1));
        Assert.False(ask.IsCompleted);
        Advance(TimeSpan.FromTicks(1));

        var ex = await Assert.ThrowsAsync<AskTimeoutException>(() => ask.WaitAsync(WallLimit));
        Assert.Contains(hole.Path.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_StatusFailureReply_FaultedWithTheCause()
    {
        var responder = Sys.ActorOf(Props.Create<Responder>());
        var cause = new InvalidOperationException("no can do");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => responder.Ask<string>(new FailWith(cause), AskTimeout).WaitAsync(WallLimit));

        Assert.Same(cause, ex);
    }

    [Fact]
    public async Task Ask_TokenCancelled_TaskCanceled()
    {
        var hole = Sys.ActorOf(Props.Create(() => new BlackHole(TestActor)));
        using var cts = new CancellationTokenSource();

        var ask = hole.Ask<string>("wait", AskTimeout, cts.Token);
        await ExpectMsgAsync("swallowed:wait");
        Assert.False(ask.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask.WaitAsync(WallLimit));
    }

    [Fact]
    public async Task Ask_TokenAlreadyCancelled_CanceledWithoutSending()
    {
        var hole = Sys.ActorOf(Props.Create(() => new BlackHole(TestActor)));

        var ask = hole.Ask<string>("never sent", AskTimeout, new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask.WaitAsync(WallLimit));
        hole.Tell("marker", null);
        await ExpectMsgAsync("swallowed:marker");
    }

    [Fact]
    public async Task Ask_ReplyOfWrongType_InvalidCastException()
    {
        var responder = Sys.ActorOf(Props.Create<Responder>());

        var ex = await Assert.ThrowsAsync<InvalidCastException>(() => responder.Ask<string>(21, AskTimeout).WaitAsync(WallLimit));

        Assert.Contains("Int32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Untyped_CompletesWithReplyObject()
    {
        var responder = Sys.ActorOf(Props.Create<Responder>());

        Assert.Equal(42, await responder.Ask(21, AskTimeout).WaitAsync(WallLimit));
    }

    [Fact]
    public async Task Ask_DeadActor_DeadLetterThenTimesOut()
    {
        var responder = Sys.ActorOf(Props.Create<Responder>());
        Watch(responder);
        Sys.Stop(responder);
        await ExpectTerminatedAsync(responder);

        var ask = EventFilter.DeadLetter<string>(s => s == "hello?").ExpectOne(() => responder.Ask<string>("hello?", AskTimeout));
        Assert.False(ask.IsCompleted);
        Advance(AskTimeout);

        await Assert.ThrowsAsync<AskTimeoutException>(() => ask.WaitAsync(WallLimit));
    }

    [Fact]
    public void Ask_NonPositiveTimeout_ArgumentOutOfRange()
    {
        var responder = Sys.ActorOf(Props.Create<Responder>());

#pragma warning disable AK2000 // Akka's analyzer flags exactly the misuse this spec checks is refused.
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = responder.Ask("x", TimeSpan.Zero); });
#pragma warning restore AK2000
    }
}
