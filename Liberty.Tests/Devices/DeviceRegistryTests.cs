using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Liberty.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.Devices;

public class DeviceRegistryTests(ITestOutputHelper output) : LibertyTestKit(output, virtualTime: true)
{
    private readonly DeviceEventBus _bus = new();
    private readonly DeviceDirectory _directory = new();

    private static DeviceDeclaration Declare(string name, string kind, string driver = "simulated") => new() { Name = name, Driver = driver, Kind = kind };

    private IActorRef Registry(params DeviceDeclaration[] declarations)
    {
        var options = new DevicesOptions();
        options.Devices.AddRange(declarations);
        return Sys.ActorOf(DeviceRegistry.Props("gw1", options, new DeviceActorOptions(), _bus, _directory, NullLoggerFactory.Instance), "devices");
    }

    /// <summary>The actor's snapshot, through a probe of its own (an Ask's timeout would run on the virtual clock).</summary>
    private DeviceSnapshot Snapshot(IActorRef actor)
    {
        var probe = CreateTestProbe();
        actor.Tell(GetDeviceSnapshot.Instance, probe.Ref);
        return probe.ExpectMsg<DeviceSnapshot>();
    }

    private DeviceList List(IActorRef registry)
    {
        registry.Tell(ListDevices.Instance, TestActor);
        return ExpectMsg<DeviceList>();
    }

    [Fact]
    public void Start_DeclaredDevices_AreCreatedListedAndFindableByNameAndId()
    {
        var registry = Registry(Declare("kitchen", "dimmable-light"), Declare("hall", "on-off-light"));

        var devices = List(registry).Devices;

        Assert.Equal(["gw1/hall", "gw1/kitchen"], devices.Select(d => d.Info.Id.Name));
        var kitchen = DeviceId.Create("gw1", "kitchen");
        Assert.True(_directory.TryFind("gw1/kitchen", out var byName));
        Assert.True(_directory.TryGet(kitchen.Value, out var byId));
        Assert.Same(byName, byId);
        Assert.True(_directory.TryFind(kitchen.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), out _));
        AwaitCondition(() => byId.Snapshot.Ok);
    }

    [Fact]
    public void Start_BadDeclaration_SkippedAndOthersCreated()
    {
        var registry = Registry(Declare("a", "dimmer"), Declare("b", "switch"));

        Assert.Equal(["gw1/b"], List(registry).Devices.Select(d => d.Info.Id.Name));
    }

    [Fact]
    public void ValidateConfiguration_BadKindAndDuplicateName_EachReportedWithItsPath()
    {
        var options = new DevicesOptions();
        options.Devices.AddRange([Declare("a", "dimmer"), Declare("b", "switch"), Declare("b", "switch")]);

        var problems = DeviceRegistry.ValidateConfiguration("gw1", options, new DeviceActorOptions());

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Devices:Devices:0:Kind:", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Devices:Devices:2:Name:", problems[1], StringComparison.Ordinal);
        Assert.Contains("gw1/b", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void CreateDevice_AtRunTime_CreatedAndDuplicateRefused()
    {
        var registry = Registry();

        registry.Tell(new CreateDevice(Declare("lamp", "on-off-light")), TestActor);
        var created = ExpectMsg<DeviceCreated>();
        registry.Tell(new CreateDevice(Declare("lamp", "dimmable-light")), TestActor);
        var refused = ExpectMsg<Status.Failure>();

        Assert.Equal("gw1/lamp", created.Info.Id.Name);
        Assert.Contains("gw1/lamp", refused.Cause.Message, StringComparison.Ordinal);
        Assert.Single(List(registry).Devices);
    }

    [Fact]
    public void RemoveDevice_ByName_ActorStopsAndDirectoryForgetsIt()
    {
        var registry = Registry(Declare("lamp", "on-off-light"));
        Assert.Single(List(registry).Devices);
        Assert.True(_directory.TryFind("gw1/lamp", out var entry));
        // Its own probe: the reply (from the registry) and Terminated (from the device) have no order between them.
        var watcher = CreateTestProbe();
        watcher.Watch(entry.Actor);

        registry.Tell(new RemoveDevice("gw1/lamp"), TestActor);

        Assert.True(ExpectMsg<DeviceRemoved>().Removed);
        watcher.ExpectTerminated(entry.Actor);
        Assert.False(_directory.TryFind("gw1/lamp", out _));
        registry.Tell(new RemoveDevice("gw1/lamp"), TestActor);
        Assert.False(ExpectMsg<DeviceRemoved>().Removed);
    }

    [Fact]
    public void DeviceFailure_HandlerThrows_DeviceStoppedAndDirectoryForgetsIt()
    {
        var registry = Registry(Declare("lamp", "on-off-light"));
        Assert.Single(List(registry).Devices);
        Assert.True(_directory.TryFind("gw1/lamp", out var entry));
        var watcher = CreateTestProbe();
        watcher.Watch(entry.Actor);

        // A null command breaks the message contract: the handler throws.
        EventFilter.Exception<NullReferenceException>().ExpectOne(() => entry.Actor.Tell(new SendDeviceCommand(null!), TestActor));

        watcher.ExpectTerminated(entry.Actor);
        AwaitCondition(() => !_directory.TryFind("gw1/lamp", out _));
        Assert.Empty(List(registry).Devices);
    }

    [Fact]
    public void VirtualDevice_CommandsGoToWatcher_ReportsGoToSubscribers_DownTurnsOkFalse()
    {
        var registry = Registry();
        var task = CreateTestProbe();
        var subscriber = CreateTestProbe();
        registry.Tell(new CreateVirtualDevice("combo", "1,100,6", new ActorDeviceEventSink(task.Ref)), TestActor);
        var created = ExpectMsg<DeviceCreated>();
        Assert.Equal(DeviceTypes.OnOffLight, created.Info.DeviceType);
        _bus.Subscribe(created.Info.Id.Value, new ActorDeviceEventSink(subscriber.Ref));

        // A user switches the virtual light on: the owning task gets the command.
        created.Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote)), TestActor);
        var command = task.ExpectMsg<DeviceEvent>();
        Assert.Equal(EventType.Command, command.Type);
        Assert.Equal(CommandIds.OnOff.On, command.Command);
        Assert.Equal(EventSource.ManualRemote, command.Source);

        // The task acknowledges with a report: subscribers see the new state.
        created.Actor.Tell(new VirtualDeviceReport(ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [AttributeIds.OnOff.State] = true }, EventSource.ManualRemote), task.Ref);
        Assert.True(task.ExpectMsg<DeviceCommandResult>().Result.IsSuccess);
        subscriber.FishForMessage<DeviceEvent>(e => e.Type == EventType.AttributeReport && e.Ok && e.Affected?.ContainsKey(AttributeIds.OnOff.State) == true);
        AwaitCondition(() => _directory.TryGet(created.Info.Id.Value, out var e) && e.Snapshot.Ok);

        created.Actor.Tell(VirtualDeviceDown.Instance, task.Ref);
        task.ExpectMsg<DeviceCommandResult>();
        subscriber.FishForMessage<DeviceEvent>(e => !e.Ok);
    }

    [Fact]
    public void CreateVirtualDevice_BadSpec_FailureNamesTheDevice()
    {
        var registry = Registry();

        registry.Tell(new CreateVirtualDevice("combo", "not-a-spec", null), TestActor);

        Assert.Contains("gw1/combo", ExpectMsg<Status.Failure>().Cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateVirtualDevice_WithOwner_EntryRecordsOwnerTask()
    {
        var registry = Registry();

        registry.Tell(new CreateVirtualDevice("owned", "1,100,6", null, OwnerTask: 42), TestActor);
        var created = ExpectMsg<DeviceCreated>();

        Assert.True(_directory.TryGet(created.Info.Id.Value, out var entry));
        Assert.Equal(42, entry.OwnerTask);
        Assert.True(entry.IsVirtual);
    }

    [Fact]
    public void LastKnown_SnapshotMatchingByName_ValuesRestoredUntilTheDeviceReports()
    {
        var id = DeviceId.Create("gw1", "combo");
        var savedAt = DateTimeOffset.UnixEpoch.AddDays(1);
        var saved = new DeviceSnapshot(new DeviceInfo(id, DeviceTypes.OnOffLight, [ClusterIds.OnOff], "virtual"), true, savedAt,
        [
            new AttributeReading(ClusterIds.OnOff, AttributeIds.OnOff.State, true, savedAt),
            new AttributeReading(ClusterIds.Level, AttributeIds.Level.CurrentLevel, 99L, savedAt),
        ]);
        var other = new DeviceSnapshot(new DeviceInfo(DeviceId.Create("gw1", "gone"), DeviceTypes.OnOffLight, [ClusterIds.OnOff], "virtual"), true, savedAt,
            [new AttributeReading(ClusterIds.OnOff, AttributeIds.OnOff.State, false, savedAt)]);
        var registry = Sys.ActorOf(DeviceRegistry.Props("gw1", new DevicesOptions(), new DeviceActorOptions(), _bus, _directory, NullLoggerFactory.Instance, [saved, other]), "devices");

        registry.Tell(new CreateVirtualDevice("combo", "1,100,6", null), TestActor);
        var created = ExpectMsg<DeviceCreated>();
        var snapshot = Snapshot(created.Actor);

        // The On/Off value is back with its saved time, marked restored; the Level reading (a cluster the device does not declare) is not.
        var reading = Assert.Single(snapshot.Attributes);
        Assert.Equal(new AttributeReading(ClusterIds.OnOff, AttributeIds.OnOff.State, true, savedAt, Restored: true), reading);
        Assert.NotEqual(savedAt, snapshot.LastHeard);

        created.Actor.Tell(new VirtualDeviceReport(ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [AttributeIds.OnOff.State] = false }, EventSource.AppEngine), TestActor);
        ExpectMsg<DeviceCommandResult>();
        snapshot = Snapshot(created.Actor);
        Assert.Equal(new AttributeReading(ClusterIds.OnOff, AttributeIds.OnOff.State, false, Clock.GetUtcNow()), Assert.Single(snapshot.Attributes));
    }

    [Fact]
    public void ValidateConfiguration_BadAction_ReportedWithItsPath()
    {
        var options = new DevicesOptions();
        options.Actions.Add(new Liberty.Devices.Actions.ActionDeclaration { Id = 1, Name = "a" });

        Assert.Equal(["Devices:Actions:0:Commands: an action needs at least one command."], DeviceRegistry.ValidateConfiguration("gw1", options, new DeviceActorOptions()));
    }
}
