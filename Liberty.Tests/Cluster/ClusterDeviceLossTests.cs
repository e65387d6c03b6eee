using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Liberty.Node.Cluster;
using Liberty.Tests.Support;

namespace Liberty.Tests.Cluster;

/// <summary>
/// What subscribers and senders on "b" see when node "a" is lost (killed abruptly: see <see cref="ClusterTestNode.KillAsync"/>),
/// leaves gracefully, or comes back as a new incarnation. Each spec builds its own two-member cluster.
/// </summary>
[Collection(ClusterSpecs.Collection)]
public sealed class ClusterDeviceLossTests(ITestOutputHelper output) : LibertyTestKit(output), IAsyncLifetime
{
    private static readonly TimeSpan Patience = ClusterSpecs.Patience;
    private static readonly TimeSpan Poll = ClusterSpecs.Poll;
    private readonly List<ClusterTestNode> _nodes = [];

    private static DeviceCommand On => new(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AppEngine);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    private async Task<(ClusterTestNode A, ClusterTestNode B)> TwoNodes(Action<DevicesOptions>? configureA = null, ClusterDeviceOptions? optionsB = null)
    {
        var a = await Track(ClusterTestNode.StartAsync("a", null, configure: configureA, devices:
        [
            ClusterTestNode.Simulated("lamp", "on-off-light"),
            ClusterTestNode.Simulated("dimmer", "dimmable-light"),
        ]));
        var b = await Track(ClusterTestNode.StartAsync("b", a.Address, options: optionsB));
        await a.UpAsync();
        await b.UpAsync();
        return (a, b);
    }

    private async Task<ClusterTestNode> Track(Task<ClusterTestNode> starting)
    {
        var node = await starting;
        _nodes.Add(node);
        return node;
    }

    private async Task<DeviceEntry> Watched(ClusterTestNode owner, ClusterTestNode watcher, string name, params RecordingSink[] sinks)
    {
        await AwaitConditionAsync(() => watcher.Directory.TryFind(name, out var e) && e.IsRemote && e.Snapshot.Ok, Patience, Poll, $"{name} ok in {watcher.Name}'s directory");
        watcher.Directory.TryFind(name, out var entry);
        foreach (var sink in sinks)
        {
            watcher.Bus.Subscribe(entry.Info.Id.Value, sink);
        }
        await AwaitConditionAsync(() => owner.Devices.WatchedLocalDevices.Contains(entry.Info.Id.Value) && entry.Snapshot.Attributes.Count > 0, Patience, Poll, $"{name} watched and primed");
        return entry;
    }

    /// <summary>Waits until every message already queued for b's <see cref="RemoteDevices"/> (cluster events included) has been handled.</summary>
    private static Task<ActorIdentity> Drained(ClusterTestNode node) => node.Devices.RemoteDevices.Ask<ActorIdentity>(new Identify(null), Patience);

    private static int OkFalse(RecordingSink sink, long id) => sink.Of(id).Count(e => !e.Ok);

    [Fact]
    public async Task NodeLoss_WatchedDevices_EachSubscriberGetsOkFalseOnceAndDevicesStayListedAfterDown()
    {
        var (a, b) = await TwoNodes();
        var both = new RecordingSink();
        var lampOnly = new RecordingSink();
        var lamp = await Watched(a, b, "a/lamp", both, lampOnly);
        var dimmer = await Watched(a, b, "a/dimmer", both);
        var lampId = lamp.Info.Id.Value;
        var dimmerId = dimmer.Info.Id.Value;

        await a.KillAsync();
        await AwaitConditionAsync(() => OkFalse(both, lampId) > 0 && OkFalse(both, dimmerId) > 0 && OkFalse(lampOnly, lampId) > 0, Patience, Poll, "ok=false at b's subscribers");

        // The shape of a local device that stopped answering: one report per cluster with the cached values, source Report.
        var lost = both.Of(dimmerId).Where(e => !e.Ok).ToList();
        Assert.Equal(dimmer.Info.Clusters, lost.Select(e => e.Cluster));
        Assert.All(lost, e => Assert.Equal(EventSource.Report, e.Source));
        Assert.Contains(lost, e => e.Cluster == ClusterIds.Level && e.Attributes!.ContainsKey(AttributeIds.Level.CurrentLevel));
        Assert.False(lamp.Snapshot.Ok);
        Assert.NotNull(lamp.Snapshot.LastHeard);

        // Downed and removed: no second announcement, and the devices stay listed, not ok.
        b.Cluster.Down(a.Address);
        await AwaitConditionAsync(() => b.Cluster.State.Members.All(m => m.Address != a.Address), Patience, Poll, "a removed from b's view");
        await Drained(b);
        Assert.Equal(lamp.Info.Clusters.Count, OkFalse(both, lampId));
        Assert.Equal(dimmer.Info.Clusters.Count, OkFalse(both, dimmerId));
        Assert.Equal(lamp.Info.Clusters.Count, OkFalse(lampOnly, lampId));
        Assert.Equal(2, b.Devices.Counters.AnnouncedLost);
        Assert.True(b.Directory.TryFind("a/dimmer", out var listed) && !listed.Snapshot.Ok && listed.Snapshot.LastHeard is not null);
    }

    [Fact]
    public async Task Command_ToUnreachableNode_FailsBackAtOnceAndInFlightCommandsFailOnLoss()
    {
        // Commands to a's devices stay pending (a minute of simulated latency): only the loss can end them here.
        var (a, b) = await TwoNodes(o => o.Simulated.CommandLatency = TimeSpan.FromMinutes(1), new ClusterDeviceOptions { CommandTimeout = TimeSpan.FromMinutes(5) });
        await AwaitConditionAsync(() => b.Directory.TryFind("a/lamp", out var e) && e.Snapshot.Ok, Patience, Poll, "a/lamp ok at b");
        b.Directory.TryFind("a/lamp", out var lamp);
        var thread = CreateTestProbe(b.System);
        lamp.Actor.Tell(new SendDeviceCommand(On, ReplyWithResult: false), thread.Ref);
        var asked = lamp.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(On), Patience);
        await AwaitConditionAsync(() => a.Directory.TryFind("a/lamp", out var own) && own.Snapshot.Ok, Patience, Poll, "a/lamp at its owner");

        await a.KillAsync();

        var inFlight = thread.ExpectMsg<DeviceEvent>(Patience);
        Assert.Equal(DeviceEvent.ForCommand(lamp.Info.Id.Value, ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AppEngine, ok: false), inFlight);
        var askedResult = await asked;
        Assert.Equal(CommandStatus.Unreachable, askedResult.Result.Status);
        Assert.Contains("became unreachable", askedResult.Result.Message, StringComparison.Ordinal);

        // Now the node is known unreachable: refused without asking it (not a timeout).
        var refused = await lamp.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(On), Patience);
        Assert.Equal(CommandStatus.Unreachable, refused.Result.Status);
        Assert.Contains("is unreachable", refused.Result.Message, StringComparison.Ordinal);
        lamp.Actor.Tell(new SendDeviceCommand(On, ReplyWithResult: false), thread.Ref);
        Assert.False(thread.ExpectMsg<DeviceEvent>(Patience).Ok);
        var snapshot = await lamp.Actor.Ask<DeviceSnapshot>(QueryDevice.Instance, Patience);
        Assert.False(snapshot.Ok);
    }

    [Fact]
    public async Task GracefulLeave_WatchedDevices_NoEventsAndShownNotOkWithLastHeard()
    {
        var (a, b) = await TwoNodes();
        var sink = new RecordingSink();
        var lamp = await Watched(a, b, "a/lamp", sink);
        var before = sink.Events.Count;

        await a.LeaveAsync();
        await a.System.WhenTerminated.WaitAsync(Patience);
        await AwaitConditionAsync(() => b.Cluster.State.Members.All(m => m.Address != a.Address), Patience, Poll, "a removed from b's view");
        await Drained(b);

        Assert.False(lamp.Snapshot.Ok);
        Assert.NotNull(lamp.Snapshot.LastHeard);
        Assert.True(b.Directory.TryFind("a/dimmer", out var dimmer) && !dimmer.Snapshot.Ok);
        Assert.Equal(before, sink.Events.Count);
        Assert.Equal(0, b.Devices.Counters.AnnouncedLost);
        var refused = await lamp.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(On), Patience);
        Assert.Contains("left the cluster", refused.Result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_SameAddressAndName_RejoinsAnnouncesRecoveryAndReportsFlowAgain()
    {
        var (a, b) = await TwoNodes();
        var sink = new RecordingSink();
        var lamp = await Watched(a, b, "a/lamp", sink);
        var id = lamp.Info.Id.Value;
        var port = a.Address.Port!.Value;
        await a.KillAsync();
        await AwaitConditionAsync(() => OkFalse(sink, id) > 0, Patience, Poll, "ok=false for a/lamp at b");

        var again = await Track(ClusterTestNode.StartAsync("a", b.Address, port, devices: [ClusterTestNode.Simulated("lamp", "on-off-light")]));
        await again.UpAsync();

        await AwaitConditionAsync(() => sink.Of(id).SkipWhile(e => e.Ok).Any(e => e.Ok) && lamp.Snapshot.Ok, Patience, Poll, "ok=true for a/lamp after its node came back");
        Assert.Contains(id, again.Devices.WatchedLocalDevices);
        var result = await lamp.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(On), Patience);
        Assert.True(result.Result.IsSuccess, result.Result.Message);
        await AwaitConditionAsync(() => sink.Of(id).Any(e => e.Ok && e.Source == EventSource.AppEngine && e.Attributes?[AttributeIds.OnOff.State] == AttributeValue.FromBoolean(true)), Patience, Poll, "the on report from the new incarnation");
        Assert.True(lamp.Snapshot.TryGetOnOff(out var on) && on);
        Assert.Equal(1, b.Devices.Counters.AnnouncedLost);
    }
}
