using Liberty.Actors;

namespace Liberty.Tests.Actors;

/// <summary>DeathWatch: Terminated exactly once, for dead and never-existing refs, Unwatch, WatchWith, death pact.</summary>
public sealed class DeathWatchTests(ITestOutputHelper output) : Liberty.TestKit.TestKit(output)
{
    public sealed record WatchIt(IActorRef Subject, object? Custom = null);

    public sealed record UnwatchIt(IActorRef Subject);

    public sealed record Block(SemaphoreSlim Gate);

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    /// <summary>Watches on request (acknowledging), forwards everything else (Terminated included) to the probe.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w =>
            {
                if (w.Custom is null)
                {
                    Context.Watch(w.Subject);
                }
                else
                {
                    Context.WatchWith(w.Subject, w.Custom);
                }
                Sender.Tell("watching");
            });
            Receive<UnwatchIt>(u =>
            {
                Context.Unwatch(u.Subject);
                Sender.Tell("unwatched");
            });
            Receive<Block>(b =>
            {
                probe.Tell("blocked");
                Assert.True(b.Gate.Wait(TimeSpan.FromSeconds(10)), "the test never opened the gate");
            });
            ReceiveAny(m => probe.Tell(m));
        }
    }

    /// <summary>Watches its subject but handles only strings: an unhandled Terminated is a death pact.</summary>
    private sealed class Pact : ReceiveActor
    {
        public Pact(IActorRef subject)
        {
            Receive<string>(s => Sender.Tell(s));
            Context.Watch(subject);
        }
    }

    private sealed class Family : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly string _name;

        public Family(IActorRef probe, string name, int children)
        {
            _probe = probe;
            _name = name;
            for (var i = 0; i < children; i++)
            {
                var childName = $"{name}-{i}";
                Context.ActorOf(Props.Create(() => new Family(probe, childName, 0)), childName);
            }
            ReceiveAny(_ => { });
        }

        protected internal override void PostStop() => _probe.Tell($"stopped:{_name}");
    }

    private IActorRef NewWatcher(IActorRef subject, object? custom = null)
    {
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(subject, custom), TestActor);
        ExpectMsg("watching");
        return watcher;
    }

    [Fact]
    public void Watch_ActorStops_TerminatedExactlyOnceWithConfirmedExistence()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var watcher = NewWatcher(subject);
        watcher.Tell(new WatchIt(subject), TestActor);
        ExpectMsg("watching");

        Sys.Stop(subject);

        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(subject, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Watch_AlreadyStoppedActor_TerminatedArrives()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);

        NewWatcher(subject);

        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(subject, terminated.ActorRef);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watch_PathThatNeverExisted_TerminatedWithExistenceNotConfirmed()
    {
        var ghost = Sys.ResolveActorRef("/user/never-was");

        Watch(ghost);

        var terminated = ExpectTerminated(ghost);
        Assert.False(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public void Unwatch_BeforeDeath_NoTerminated()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>(), "subject");
        var watcher = NewWatcher(subject);
        watcher.Tell(new UnwatchIt(subject), TestActor);
        ExpectMsg("unwatched");

        Sys.Stop(subject);
        AwaitCondition(() => !Sys.ResolveActorRef("/user/subject").Equals(subject), interval: TimeSpan.FromMilliseconds(5));

        watcher.Tell("marker", null);
        ExpectMsg("marker");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unwatch_AfterDeathBeforeNoticeProcessed_NoticeDropped()
    {
        using var gate = new SemaphoreSlim(0);
        var subject = Sys.ActorOf(Props.Create<Idle>(), "subject");
        var watcher = NewWatcher(subject);
        watcher.Tell(new Block(gate), null);
        ExpectMsg("blocked");
        watcher.Tell(new UnwatchIt(subject), TestActor);

        Sys.Stop(subject);
        // The parent forgets the name after the watchers were notified, so once the path is free the
        // notice is waiting in the blocked watcher's mailbox, behind the Unwatch.
        AwaitCondition(() => !Sys.ResolveActorRef("/user/subject").Equals(subject), interval: TimeSpan.FromMilliseconds(5));
        gate.Release();

        ExpectMsg("unwatched");
        watcher.Tell("marker", null);
        ExpectMsg("marker");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void WatchWith_ActorStops_CustomMessageInsteadOfTerminated()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        NewWatcher(subject, "subject is gone");

        Sys.Stop(subject);

        ExpectMsg("subject is gone");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Terminated_Unhandled_DeathPactExceptionStopsWatcher()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var pact = Sys.ActorOf(Props.Create(() => new Pact(subject)));
        pact.Tell("ready?", TestActor);
        ExpectMsg("ready?");
        Watch(pact);

        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(subject));

        ExpectTerminated(pact);
    }

    [Fact]
    public void Stop_ParentWithChildren_ChildrenPostStopBeforeParent()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Family(TestActor, "parent", 3)), "parent");
        Watch(parent);

        Sys.Stop(parent);

        var order = ReceiveN(4).ToList();
        Assert.Equal("stopped:parent", order[^1]);
        Assert.Equal(["stopped:parent-0", "stopped:parent-1", "stopped:parent-2"], order.Take(3).Cast<string>().Order());
        ExpectTerminated(parent);
    }
}
