using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>ReceiveAsync: the mailbox waits for the handler's task; context is valid after await; failures supervise.</summary>
public sealed class ReceiveAsyncTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    public sealed record Wait(Task Until, string Name);

    public sealed record FailAfterAwait(Task Until);

    private sealed class AsyncActor : ReceiveActor
    {
        private int _count;

        public AsyncActor(IActorRef probe)
        {
            ReceiveAsync<Wait>(async w =>
            {
                var sender = Sender;
                probe.Tell($"start:{w.Name}");
                await w.Until;
                probe.Tell($"end:{w.Name}");
                Sender.Tell(new object[] { w.Name, Sender.Equals(sender), Self.Path.Name, ++_count });
            });
            ReceiveAsync<FailAfterAwait>(async f =>
            {
                _count++;
                await f.Until;
                throw new InvalidOperationException("failed after await");
            });
            ReceiveAsync<string>(_ => throw new InvalidOperationException("failed before await"), s => s == "fail-sync");
            Receive<string>(_ => Sender.Tell(_count), s => s == "count");
            Receive<string>(s => probe.Tell(s));
        }

        protected internal override void PreStart() => Self.Tell("started", null);
    }

    [Fact]
    public void ReceiveAsync_HandlerAwaiting_NextMessageWaitsUntilTaskCompletes()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        ExpectMsg("started");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        actor.Tell(new Wait(gate.Task, "first"), TestActor);
        actor.Tell("next", null);
        ExpectMsg("start:first");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        gate.SetResult();

        ExpectMsg("end:first");
        ExpectMsg<object[]>();
        ExpectMsg("next");
    }

    [Fact]
    public void ReceiveAsync_AfterAwait_SenderAndSelfStillThoseOfTheMessage()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)), "async");
        ExpectMsg("started");
        var one = CreateTestProbe("one");
        var two = CreateTestProbe("two");
        var gate1 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        one.Send(actor, new Wait(gate1.Task, "one"));
        two.Send(actor, new Wait(gate2.Task, "two"));
        ExpectMsg("start:one");
        gate2.SetResult();
        gate1.SetResult();

        Assert.Equal(new object[] { "one", true, "async", 1 }, one.ExpectMsg<object[]>());
        Assert.Equal(new object[] { "two", true, "async", 2 }, two.ExpectMsg<object[]>());
        Assert.Equal(actor, two.LastSender);
    }

    [Fact]
    public void ReceiveAsync_ThrowsAfterAwait_ActorRestartedBySupervision()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        ExpectMsg("started");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(new FailAfterAwait(gate.Task), null);
        actor.Tell("count", TestActor);

        EventFilter.Exception<InvalidOperationException>(contains: "failed after await").ExpectOne(() =>
        {
            gate.SetResult();
            // "count" was queued behind the failing message: the new instance answers it (state reset),
            // before the "started" its PreStart queued.
            ExpectMsg(0);
        });

        ExpectMsg("started");
    }

    [Fact]
    public void ReceiveAsync_HandlerThrowsBeforeReturningTask_ActorRestartedBySupervision()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        ExpectMsg("started");

        EventFilter.Exception<InvalidOperationException>(contains: "failed before await").ExpectOne(() =>
        {
            actor.Tell("fail-sync", null);
            ExpectMsg("started");
        });

        actor.Tell("still works", null);
        ExpectMsg("still works");
    }
}
