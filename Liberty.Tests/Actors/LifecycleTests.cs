using Liberty.Actors;
using Liberty.TestKit;

namespace Liberty.Tests.Actors;

/// <summary>Lifecycle hooks and what a restart keeps (mailbox, ref) and resets (state, children).</summary>
public sealed class LifecycleTests : Liberty.TestKit.TestKit
{
    public LifecycleTests(ITestOutputHelper output)
        : base(output) => _hooks = CreateTestProbe("hooks");

    public sealed record Hook(string Name, int Instance, string? Detail = null);

    public sealed record Reply(object Message, int Instance, int Count, IActorRef Self);

    private sealed class Hooked : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly int _instance;
        private int _count;

        public Hooked(IActorRef probe, int instance)
        {
            _probe = probe;
            _instance = instance;
            Receive<string>(_ => throw new InvalidOperationException("fail requested"), s => s == "fail");
            Receive<string>(_ => Sender.Tell(Context.Child("kid") ?? ActorRefs.Nobody), s => s == "child");
            ReceiveAny(m => Sender.Tell(new Reply(m, _instance, ++_count, Self)));
        }

        protected internal override void PreStart()
        {
            _probe.Tell(new Hook("PreStart", _instance));
            Context.ActorOf(Props.Create(() => new Kid(_probe)), "kid");
        }

        protected internal override void PostStop() => _probe.Tell(new Hook("PostStop", _instance));

        protected internal override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell(new Hook("PreRestart", _instance, $"{reason.Message}|{message}"));
            base.PreRestart(reason, message);
        }

        protected internal override void PostRestart(Exception reason)
        {
            _probe.Tell(new Hook("PostRestart", _instance, reason.Message));
            base.PostRestart(reason);
        }
    }

    private sealed class Kid(IActorRef probe) : ReceiveActor
    {
        protected internal override void PostStop() => probe.Tell(new Hook("KidPostStop", 0, Self.Path.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private readonly TestProbe _hooks;

    private TestProbe Hooks => _hooks;

    private IActorRef CreateHooked(out Func<int> instances)
    {
        var count = 0;
        instances = () => Volatile.Read(ref count);
        var probe = Hooks.Ref;
        var actor = Sys.ActorOf(Props.Create(() => new Hooked(probe, Interlocked.Increment(ref count))), "hooked");
        Hooks.ExpectMsg(new Hook("PreStart", 1));
        return actor;
    }

    [Fact]
    public void Start_NewActor_PreStartRunsBeforeFirstMessage()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Hooked(TestActor, 1)));
        actor.Tell("hello", TestActor);

        ExpectMsg(new Hook("PreStart", 1));
        Assert.Equal("hello", ExpectMsg<Reply>().Message);
    }

    [Fact]
    public void Stop_Actor_ChildPostStopThenOwnPostStop()
    {
        var actor = CreateHooked(out _);

        Sys.Stop(actor);

        Assert.Equal("KidPostStop", Hooks.ExpectMsg<Hook>().Name);
        Hooks.ExpectMsg(new Hook("PostStop", 1));
    }

    [Fact]
    public void Restart_Failure_HooksRunInAkkaOrder()
    {
        var actor = CreateHooked(out _);

        actor.Tell("fail", TestActor);

        Hooks.ExpectMsg(new Hook("PreRestart", 1, "fail requested|fail"));
        // The default PreRestart stops the children asynchronously and then calls PostStop, so the
        // old instance's PostStop and the child's may come in either order; the new instance is only
        // made once the child has stopped.
        var stops = Hooks.ReceiveN(2).Cast<Hook>().Select(h => (h.Name, h.Instance)).Order().ToList();
        Assert.Equal([("KidPostStop", 0), ("PostStop", 1)], stops);
        Hooks.ExpectMsg(new Hook("PostRestart", 2, "fail requested"));
        Hooks.ExpectMsg(new Hook("PreStart", 2));
    }

    [Fact]
    public void Restart_MessagesQueuedBehindFailure_ProcessedByNewInstanceInOrder()
    {
        var actor = CreateHooked(out _);

        actor.Tell("a", TestActor);
        actor.Tell("fail", TestActor);
        actor.Tell("b", TestActor);
        actor.Tell("c", TestActor);

        Assert.Equal(("a", 1), Key(ExpectMsg<Reply>()));
        Assert.Equal(("b", 2), Key(ExpectMsg<Reply>()));
        Assert.Equal(("c", 2), Key(ExpectMsg<Reply>()));
    }

    [Fact]
    public void Restart_Failure_SameRefPathAndUidAndStateReset()
    {
        var actor = CreateHooked(out var instances);
        actor.Tell("x", TestActor);
        actor.Tell("y", TestActor);
        var before = ExpectMsg<Reply>();
        Assert.Equal(2, ExpectMsg<Reply>().Count);

        actor.Tell("fail", TestActor);
        actor.Tell("z", TestActor);
        var after = ExpectMsg<Reply>();

        Assert.Equal(2, instances());
        Assert.Equal(("z", 2, 1), (after.Message, after.Instance, after.Count));
        Assert.Equal(before.Self, after.Self);
        Assert.Equal(before.Self.Path.Uid, after.Self.Path.Uid);
        Assert.Equal(actor, after.Self);
    }

    [Fact]
    public void Restart_FailingMessage_IsNotRedelivered()
    {
        var actor = CreateHooked(out var instances);
        actor.Tell("fail", TestActor);
        actor.Tell("after", TestActor);

        var reply = ExpectMsg<Reply>();
        Assert.Equal(("after", 2, 1), (reply.Message, reply.Instance, reply.Count));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, instances());
    }

    [Fact]
    public void Restart_DefaultPreRestart_StopsChildrenAndNewInstanceCreatesFreshOnes()
    {
        var actor = CreateHooked(out _);
        actor.Tell("child", TestActor);
        var oldKid = ExpectMsg<IActorRef>();
        Watch(oldKid);

        actor.Tell("fail", TestActor);
        ExpectTerminated(oldKid);
        actor.Tell("child", TestActor);
        var newKid = ExpectMsg<IActorRef>();

        Assert.Equal(oldKid.Path.ToString(), newKid.Path.ToString());
        Assert.NotEqual(oldKid.Path.Uid, newKid.Path.Uid);
    }

    private static (object, int) Key(Reply r) => (r.Message, r.Instance);
}
