using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;
using Liberty.Node.Cluster;
using Liberty.Tests.Support;

namespace Liberty.Tests.Cluster;

/// <summary>
/// Devices across a healthy two-member cluster (shared by the specs; each uses its own devices): the fleet directory,
/// events by interest, commands and queries through remote entries, and at-most-once execution.
/// </summary>
[Collection(ClusterSpecs.Collection)]
public class ClusterDevicesTests(TwoNodeCluster cluster, ITestOutputHelper output) : LibertyTestKit(output), IClassFixture<TwoNodeCluster>
{
    private static readonly TimeSpan Patience = ClusterSpecs.Patience;

    private static readonly TimeSpan Poll = ClusterSpecs.Poll;

    private ClusterTestNode A => cluster.A;

    private ClusterTestNode B => cluster.B;

    private static DeviceCommand OnOff(int command) => new(ClusterIds.OnOff, command, [], EventSource.AppEngine);

    private static DeviceCommand Unsupported => new(ClusterIds.Thermostat, CommandIds.Thermostat.SetpointRaiseLower, [AttributeValue.FromInt64(0), AttributeValue.FromInt64(5)], EventSource.AppEngine);

    private async Task<DeviceEntry> RemoteEntry(ClusterTestNode node, string name)
    {
        await AwaitConditionAsync(() => node.Directory.TryFind(name, out var e) && e.IsRemote, Patience, Poll, $"{name} in {node.Name}'s directory");
        node.Directory.TryFind(name, out var entry);
        return entry;
    }

    private static bool IsOn(DeviceEntry entry) => entry.Snapshot.TryGetOnOff(out var on) && on;

    [Fact]
    public async Task Directory_DevicesOfBothNodes_ConvergeEverywhereAndRemovalPropagates()
    {
        var lamp = await RemoteEntry(B, "a/lamp-sub");
        var button = await RemoteEntry(A, "b/button");

        Assert.Equal("a", lamp.Node);
        Assert.Equal(DeviceTypes.OnOffLight, lamp.Info.DeviceType);
        Assert.Equal(DeviceId.ComputeNumericId("a/lamp-sub"), lamp.Info.Id.Value);
        Assert.True(B.Directory.TryGet(lamp.Info.Id.Value, out var byId) && ReferenceEquals(byId, lamp));
        Assert.Equal("b", button.Node);
        Assert.False(A.Directory.TryFind("a/lamp-sub", out var own) && own.IsRemote);
        Assert.Equal(["a/lamp-cmd", "a/lamp-sub", "b/button"], B.Directory.All.Where(e => !e.IsVirtual).Select(e => e.Info.Id.Name).Take(3));
        await AwaitConditionAsync(() => lamp.Snapshot.Ok && lamp.Snapshot.LastHeard is not null, Patience, Poll, "the remote lamp shown ok with its last-heard time");

        await A.Registry.Ask<DeviceCreated>(new CreateDevice(ClusterTestNode.Simulated("extra", "dimmable-light")), Patience);
        var extra = await RemoteEntry(B, "a/extra");
        Assert.Equal(DeviceTypes.DimmableLight, extra.Info.DeviceType);
        Assert.True(extra.Info.SupportsCluster(ClusterIds.Level));

        var refused = await B.Registry.Ask<DeviceRemoved>(new RemoveDevice("a/extra"), Patience);
        Assert.False(refused.Removed);
        var removed = await A.Registry.Ask<DeviceRemoved>(new RemoveDevice("a/extra"), Patience);
        Assert.True(removed.Removed);
        await AwaitConditionAsync(() => !B.Directory.TryFind("a/extra", out _), Patience, Poll, "a/extra gone from b's directory");
    }

    [Fact]
    public async Task Subscribe_RemoteDevice_EventsArriveCachedReadsWorkAndUnsubscribeStopsTraffic()
    {
        var lamp = await RemoteEntry(B, "a/lamp-sub");
        var id = lamp.Info.Id.Value;
        A.Directory.TryGet(id, out var local);
        var sink = new RecordingSink();

        B.Bus.Subscribe(id, sink);
        await AwaitConditionAsync(() => A.Devices.WatchedLocalDevices.Contains(id), Patience, Poll, "a to learn that b watches the lamp");
        await AwaitConditionAsync(() => lamp.Snapshot.Ok && lamp.Snapshot.TryGetOnOff(out _), Patience, Poll, "b's cache primed with the owner's snapshot");
        var result = await lamp.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(OnOff(CommandIds.OnOff.On)), Patience);

        Assert.True(result.Result.IsSuccess, result.Result.Message);
        await AwaitConditionAsync(() => sink.Of(id).Any(e => e.Ok && e.Cluster == ClusterIds.OnOff && e.Attributes?[AttributeIds.OnOff.State] == AttributeValue.FromBoolean(true)), Patience, Poll, "the on report at b's subscriber");
        await AwaitConditionAsync(() => IsOn(lamp), Patience, Poll, "b's cached read to say on");
        Assert.True(IsOn(local));

        B.Bus.Unsubscribe(id, sink);
        await AwaitConditionAsync(() => !A.Devices.WatchedLocalDevices.Contains(id), Patience, Poll, "a to learn that b stopped watching");
        var sent = A.Devices.EventsSent;
        var received = B.Devices.Counters.Received;
        var delivered = sink.Events.Count;
        var off = await local.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(OnOff(CommandIds.OnOff.Off)), Patience);

        // The owner published the off report before it answered: nothing went to b for it.
        Assert.True(off.Result.IsSuccess);
        Assert.False(IsOn(local));
        Assert.Equal(sent, A.Devices.EventsSent);
        Assert.Equal(received, B.Devices.Counters.Received);
        Assert.Equal(delivered, sink.Events.Count);
        Assert.False(lamp.Snapshot.TryGetOnOff(out _));
    }

    [Fact]
    public async Task Command_ToRemoteDevice_ExecutesOnceAndFailuresComeBackOkFalse()
    {
        var lamp = await RemoteEntry(B, "a/lamp-cmd");
        var id = lamp.Info.Id.Value;
        A.Directory.TryGet(id, out var local);
        var ownerSink = new RecordingSink();
        A.Bus.Subscribe(id, ownerSink);
        await AwaitConditionAsync(() => lamp.Snapshot.Ok, Patience, Poll, "the remote lamp ok");

        var toggled = await lamp.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(OnOff(CommandIds.OnOff.Toggle)), Patience);

        Assert.True(toggled.Result.IsSuccess, toggled.Result.Message);
        Assert.True(IsOn(local));
        Assert.Single(ownerSink.Of(id), e => e.Cluster == ClusterIds.OnOff && e.Source == EventSource.AppEngine);

        // A task thread's way: no reply on success, an ok=false command event on failure.
        var thread = CreateTestProbe(B.System);
        lamp.Actor.Tell(new SendDeviceCommand(OnOff(CommandIds.OnOff.Off), ReplyWithResult: false), thread.Ref);
        await AwaitConditionAsync(() => !IsOn(local), Patience, Poll, "the lamp off after the thread's command");
        lamp.Actor.Tell(new SendDeviceCommand(Unsupported, ReplyWithResult: false), thread.Ref);
        var failed = thread.ExpectMsg<DeviceEvent>(Patience);
        Assert.Equal(DeviceEvent.ForCommand(id, ClusterIds.Thermostat, CommandIds.Thermostat.SetpointRaiseLower, Unsupported.Arguments, EventSource.AppEngine, ok: false), failed);
        Assert.Equal(lamp.Actor, thread.LastSender);

        var refused = await lamp.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(Unsupported), Patience);
        Assert.Equal(CommandStatus.UnsupportedCluster, refused.Result.Status);
        var written = await lamp.Actor.Ask<DeviceCommandResult>(new WriteDeviceAttributes(new AttributeWrite(ClusterIds.Level, new Dictionary<int, AttributeValue> { [0] = AttributeValue.FromInt64(3) }, EventSource.AppEngine)), Patience);
        Assert.True(written.Result.IsFailure);
        var queried = await lamp.Actor.Ask<DeviceSnapshot>(QueryDevice.Instance, Patience);
        Assert.True(queried.Ok);
        Assert.Equal(lamp.Info, queried.Info);
        var cached = await lamp.Actor.Ask<DeviceSnapshot>(GetDeviceSnapshot.Instance, Patience);
        Assert.True(cached.TryGetOnOff(out var on) && !on);
    }

    [Fact]
    public async Task Command_SameIdTwice_ExecutesOnceAndTheRepeatGetsTheFirstOutcome()
    {
        var watcher = new RecordingSink();
        var created = await A.Registry.Ask<DeviceCreated>(new CreateVirtualDevice("v-dup", "1,100,6", watcher), Patience);
        var id = created.Info.Id.Value;
        var gateway = B.System.ActorSelection(new RootActorPath(A.Address) / "user" / DeviceGateway.Name);
        var probe = CreateTestProbe(B.System);
        var request = new RemoteDeviceRequest(new RemoteRequestId("b", 1, 1), id, RemoteRequestKind.Command, OnOff(CommandIds.OnOff.On), null);

        gateway.Tell(request, probe.Ref);
        gateway.Tell(request, probe.Ref);
        var first = probe.ExpectMsg<RemoteDeviceReply>(Patience);
        gateway.Tell(request, probe.Ref);
        var repeat = probe.ExpectMsg<RemoteDeviceReply>(Patience);

        Assert.Equal(CommandStatus.Success, first.Result?.Status);
        Assert.Equal(first, repeat);
        // The device hands the command to its watcher on its own; it may arrive just after the answer.
        await AwaitConditionAsync(() => watcher.Events.Any(e => e.Type == EventType.Command), Patience, Poll, "the command at the watcher");

        // A new id is a new command.
        gateway.Tell(request with { Id = new RemoteRequestId("b", 1, 2) }, probe.Ref);
        probe.ExpectMsg<RemoteDeviceReply>(Patience);
        await AwaitConditionAsync(() => watcher.Events.Count(e => e.Type == EventType.Command) == 2, Patience, Poll, "the second command at the watcher");
        Assert.Equal(2, watcher.Events.Count(e => e.Type == EventType.Command));
    }

    [Fact]
    public async Task Command_MeantForAPreviousRunOfTheOwner_IsRefusedNotExecuted()
    {
        var watcher = new RecordingSink();
        var created = await A.Registry.Ask<DeviceCreated>(new CreateVirtualDevice("v-stale", "1,100,6", watcher), Patience);
        var gateway = B.System.ActorSelection(new RootActorPath(A.Address) / "user" / DeviceGateway.Name);
        var probe = CreateTestProbe(B.System);
        var current = Akka.Cluster.Cluster.Get(A.System).SelfUniqueAddress.Uid;
        var stale = new RemoteDeviceRequest(new RemoteRequestId("b", 1, 100), created.Info.Id.Value, RemoteRequestKind.Command, OnOff(CommandIds.OnOff.On), null, current + 1);

        gateway.Tell(stale, probe.Ref);
        var refused = probe.ExpectMsg<RemoteDeviceReply>(Patience);
        gateway.Tell(stale with { Id = new RemoteRequestId("b", 1, 101), Target = current }, probe.Ref);
        var executed = probe.ExpectMsg<RemoteDeviceReply>(Patience);

        Assert.Equal(CommandStatus.Unreachable, refused.Result?.Status);
        Assert.Contains("restarted after the request was sent", refused.Result?.Message, StringComparison.Ordinal);
        Assert.Equal(CommandStatus.Success, executed.Result?.Status);
        await AwaitConditionAsync(() => watcher.Events.Any(e => e.Type == EventType.Command), Patience, Poll, "the command at the watcher");
        Assert.Single(watcher.Events, e => e.Type == EventType.Command);
    }

    [Theory]
    [InlineData("1,ffff,6", true)]
    [InlineData("1,302,402", false)]
    public async Task SigDeviceArgument_NamingADeviceOfAnotherNode_IsValidatedAgainstItsDeviceType(string deviceType, bool binds)
    {
        var lamp = await RemoteEntry(B, "a/lamp-sub");
        Assert.True(Liberty.Node.Apps.Schema.AppSignature.TryParse(
            $$"""{"Functions":[{"NativeName":"Main","Parameters":[{"ID":1,"NativeName":"light","Type":"Device","Attributes":[{"Name":"DeviceType","Value":"{{deviceType}}"}]}]}]}""",
            out var signature, out var error), error);
        var lookups = new Liberty.Node.Apps.Schema.ArgumentLookups { Device = Liberty.Node.Apps.Schema.ArgumentLookups.FromDirectory(B.Directory) };

        var binding = await Liberty.Node.Apps.Schema.ArgumentBinder.BindAsync(signature, "Main", """["a/lamp-sub"]""", lookups, null, ownerTask: 1);

        Assert.Equal(binds, binding.Ok);
        if (binds)
        {
            Assert.Equal(lamp.Info.Id.Value, Assert.IsType<long>(binding.Values[0]));
        }
        else
        {
            Assert.Contains("device a/lamp-sub (On/Off Light, type 0100, clusters", binding.Error, StringComparison.Ordinal);
            Assert.Contains("does not match DeviceType", binding.Error, StringComparison.Ordinal);
        }
    }
}
