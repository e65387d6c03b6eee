using Liberty.Actors;
using Liberty.Actors.Remote;
using Liberty.TestKit;

namespace Liberty.Tests.Actors;

/// <summary>
/// Two actor systems over an <see cref="InProcessTransportHub"/>: serialized messages with refs inside,
/// unregistered types, remote DeathWatch and the loss of a node.
/// </summary>
public sealed class RemoteTests : Liberty.TestKit.TestKit, IAsyncLifetime
{
    private readonly InProcessTransportHub _hub;
    private ActorSystem? _other;

    public RemoteTests(ITestOutputHelper output)
        : this(output, new InProcessTransportHub())
    {
    }

    private RemoteTests(ITestOutputHelper output, InProcessTransportHub hub)
        : base(output, new TestKitOptions
        {
            ConfigureSystem = o =>
            {
                o.NodeName = "node1";
                o.RemoteTransport = hub.CreateTransport();
                o.ConfigureSerializer = Register;
            },
        }) => _hub = hub;

    public sealed record Ping(string Text, IActorRef ReplyTo);

    public sealed record Pong(string Text, IActorRef From);

    public sealed record NotRegistered(string Text);

    public sealed record OnlyOtherKnowsMe(string Text);

    private ActorSystem Other => _other ?? throw new InvalidOperationException("not started");

    private static void Register(MessageSerializer s)
    {
        s.Register<Ping>("tests.Ping");
        s.Register<Pong>("tests.Pong");
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<Ping>(p => p.ReplyTo.Tell(new Pong($"pong:{p.Text}", Self)));
    }

    public Task InitializeAsync()
    {
        _other = ActorSystem.Create("test", new ActorSystemOptions
        {
            NodeName = "node2",
            RemoteTransport = _hub.CreateTransport(),
            ConfigureSerializer = s =>
            {
                Register(s);
                s.Register<OnlyOtherKnowsMe>("tests.OnlyOtherKnowsMe");
            },
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_other is not null)
        {
            await _other.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>A ponger on the other node, and its ref as seen from <see cref="TestKitBase.Sys"/> (with uid).</summary>
    private (IActorRef Local, IActorRef Remote) RemotePonger(string name = "ponger")
    {
        var local = Other.ActorOf(Props.Create<Ponger>(), name);
        return (local, Sys.ResolveActorRef(local.Path.ToSerializationFormat()));
    }

    [Fact]
    public void Tell_MessageWithRefInside_RefResolvesBackAndReplyToItWorks()
    {
        var (local, remote) = RemotePonger();
        Assert.Equal("liberty://test@node2/user/ponger", remote.Path.ToString());

        remote.Tell(new Ping("one", TestActor), TestActor);
        var pong = ExpectMsg<Pong>();

        Assert.Equal("pong:one", pong.Text);
        Assert.Equal(local.Path.ToSerializationFormat(), pong.From.Path.ToSerializationFormat());
        Assert.Equal(remote, pong.From);
        pong.From.Tell(new Ping("two", TestActor), null);
        Assert.Equal("pong:two", ExpectMsg<Pong>().Text);
    }

    [Fact]
    public void Tell_UnregisteredType_NotSentErrorLoggedAndDeadLettered()
    {
        var (_, remote) = RemotePonger();

        EventFilter.Error(contains: "register it with MessageSerializer").ExpectOne(() =>
            EventFilter.DeadLetter<NotRegistered>().ExpectOne(() => remote.Tell(new NotRegistered("?"), TestActor)));

        remote.Tell(new Ping("after", TestActor), TestActor);
        Assert.Equal("pong:after", ExpectMsg<Pong>().Text);
    }

    [Fact]
    public void Deliver_ManifestUnknownAtReceiver_DroppedWithWarning()
    {
        var local = Sys.ActorOf(Props.Create<Ponger>(), "here");
        var fromOther = Other.ResolveActorRef(local.Path.ToSerializationFormat());

        EventFilter.Warning(contains: "Unknown manifest 'tests.OnlyOtherKnowsMe'").ExpectOne(() => fromOther.Tell(new OnlyOtherKnowsMe("hi"), null));
    }

    [Fact]
    public void Watch_RemoteActorStops_Terminated()
    {
        var (local, remote) = RemotePonger();
        Watch(remote);

        Other.Stop(local);

        var terminated = ExpectTerminated(remote);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public void Disconnect_WatchedRemoteActors_TerminatedWithAddressTerminated()
    {
        var (_, remoteA) = RemotePonger("a");
        var (_, remoteB) = RemotePonger("b");
        Watch(remoteA);
        Watch(remoteB);

        Assert.True(_hub.Disconnect(Other.Address));

        var terminated = ReceiveN(2).Cast<Terminated>().ToList();
        Assert.All(terminated, t => Assert.True(t.AddressTerminated));
        Assert.True(terminated.Select(t => t.ActorRef).ToHashSet().SetEquals([remoteA, remoteB]));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watch_AfterDisconnect_TerminatedAtOnce()
    {
        var (_, remote) = RemotePonger();
        Assert.True(_hub.Disconnect(Other.Address));

        Watch(remote);

        Assert.True(ExpectTerminated(remote).AddressTerminated);
    }

    [Fact]
    public void Tell_AfterDisconnect_DeadLettered()
    {
        var (_, remote) = RemotePonger();
        _hub.Disconnect(Other.Address);

        EventFilter.DeadLetter<Ping>().ExpectOne(() => remote.Tell(new Ping("anyone?", TestActor), TestActor));
    }

    [Fact]
    public void Watch_RemoteRefResolvedWithoutUid_TerminatedWhenItStops()
    {
        var (local, _) = RemotePonger();
        var byPath = Sys.ResolveActorRef("liberty://test@node2/user/ponger");
        Watch(byPath);

        Other.Stop(local);

        Assert.True(ExpectTerminated(byPath).ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
