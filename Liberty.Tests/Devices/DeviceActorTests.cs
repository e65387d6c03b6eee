using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Liberty.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.Devices;

public class DeviceActorTests(ITestOutputHelper output) : LibertyTestKit(output, virtualTime: true)
{
    private readonly DeviceEventBus _bus = new();

    private (IActorRef Actor, DeviceEntry Entry, SimulatedDeviceDriver Driver) Spawn(SimulatedKind kind, SimulatedDriverOptions? driverOptions = null, DeviceActorOptions? actorOptions = null)
    {
        var id = DeviceId.Create("gw1", "lamp");
        var driver = new SimulatedDeviceDriver(id, kind, new SimulatedDeviceParameters(), driverOptions ?? new SimulatedDriverOptions(), NullLogger.Instance);
        var entry = new DeviceEntry(driver.Info, isVirtual: false);
        var actor = Sys.ActorOf(DeviceActor.Props(driver, _bus, entry, actorOptions ?? new DeviceActorOptions(), NullLogger.Instance));
        entry.Actor = actor;
        return (actor, entry, driver);
    }

    /// <summary>The actor's snapshot, through a probe of its own (an Ask's timeout would run on the virtual clock).</summary>
    private DeviceSnapshot Snapshot(IActorRef actor)
    {
        var probe = CreateTestProbe();
        actor.Tell(GetDeviceSnapshot.Instance, probe.Ref);
        return probe.ExpectMsg<DeviceSnapshot>();
    }

    /// <summary>
    /// Moves virtual time one transition tick (100 ms) at a time and lets the actor handle each tick before the
    /// next step, so every tick runs at its own instant (one Advance over many ticks would race the actor's re-arm).
    /// </summary>
    private void AdvanceByTicks(IActorRef actor, TimeSpan total)
    {
        var tick = TimeSpan.FromMilliseconds(100);
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed += tick)
        {
            Advance(tick);
            Snapshot(actor);
        }
    }

    private static long? Level(DeviceSnapshot s) =>
        s.Attributes.FirstOrDefault(a => a.Cluster == ClusterIds.Level && a.Attribute == AttributeIds.Level.CurrentLevel) is { } r && r.Value.TryGetInt64(out var v) ? v : null;

    private static DeviceCommand MoveToLevel(int level, int tenths) =>
        new(ClusterIds.Level, CommandIds.Level.MoveToLevel, [AttributeValue.FromInt64(level), AttributeValue.FromInt64(tenths)], EventSource.AppEngine);

    [Fact]
    public void Start_Device_IsOkAndDirectorySnapshotFollows()
    {
        var (actor, entry, _) = Spawn(SimulatedKind.DimmableLight);

        var snapshot = Snapshot(actor);

        Assert.True(snapshot.Ok);
        Assert.NotNull(snapshot.LastHeard);
        Assert.Equal(snapshot.Ok, entry.Snapshot.Ok);
        Assert.Equal(Level(snapshot), Level(entry.Snapshot));
    }

    [Fact]
    public void MoveToLevel_TwoSecondsFromZero_HalfWayAfterOneSecondAndReportsPublished()
    {
        var (actor, entry, _) = Spawn(SimulatedKind.DimmableLight);
        var subscriber = CreateTestProbe();
        actor.Tell(new SendDeviceCommand(MoveToLevel(0, 0)), TestActor);
        ExpectMsg<DeviceCommandResult>(r => r.Result.IsSuccess);
        _bus.Subscribe(entry.Info.Id.Value, new ActorDeviceEventSink(subscriber.Ref));

        actor.Tell(new SendDeviceCommand(MoveToLevel(254, 20)), TestActor);
        ExpectMsg<DeviceCommandResult>(r => r.Result.IsSuccess);
        AdvanceByTicks(actor, TimeSpan.FromSeconds(1));

        Assert.Equal(127, Level(Snapshot(actor)));
        var report = subscriber.FishForMessage<DeviceEvent>(e => e.Type == EventType.AttributeReport && e.Affected?.ContainsKey(AttributeIds.Level.CurrentLevel) == true);
        Assert.Equal(EventSource.AppEngine, report.Source);
        AdvanceByTicks(actor, TimeSpan.FromSeconds(1));
        Assert.Equal(254, Level(Snapshot(actor)));
        Assert.Equal(254, Level(entry.Snapshot));
    }

    [Fact]
    public void Command_UnsupportedCluster_ResultNamesTheCluster()
    {
        var (actor, _, _) = Spawn(SimulatedKind.OnOffLight);

        actor.Tell(new SendDeviceCommand(MoveToLevel(10, 0)), TestActor);

        var result = ExpectMsg<DeviceCommandResult>().Result;
        Assert.Equal(CommandStatus.UnsupportedCluster, result.Status);
        Assert.Contains("0x0008", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_FailingWithoutResultReply_SenderGetsOkFalseCommandEvent()
    {
        var (actor, _, driver) = Spawn(SimulatedKind.OnOffLight);
        Snapshot(actor);
        driver.InjectFaults(SimulatedFaults.FailCommands);
        var on = new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AppEngine);

        actor.Tell(new SendDeviceCommand(on, ReplyWithResult: false), TestActor);

        var failed = ExpectMsg<DeviceEvent>();
        Assert.False(failed.Ok);
        Assert.Equal(EventType.Command, failed.Type);
        Assert.Equal(ClusterIds.OnOff, failed.Cluster);
        Assert.Equal(CommandIds.OnOff.On, failed.Command);
    }

    [Fact]
    public void Liveness_DriverStopsAnswering_SubscribersGetOkFalseThenOkTrueOnRecovery()
    {
        var (actor, entry, driver) = Spawn(SimulatedKind.OnOffLight, new SimulatedDriverOptions { LivenessInterval = TimeSpan.FromSeconds(1) });
        Snapshot(actor);
        var subscriber = CreateTestProbe();
        _bus.Subscribe(entry.Info.Id.Value, new ActorDeviceEventSink(subscriber.Ref));

        // The actor is idle (the snapshot above was its last message) and virtual time is still: nothing else touches the driver.
        driver.InjectFaults(SimulatedFaults.NotAnswering);
        Advance(TimeSpan.FromSeconds(1));
        Snapshot(actor);

        subscriber.ExpectMsg<DeviceEvent>(e => !e.Ok);
        Assert.False(Snapshot(actor).Ok);
        Assert.False(entry.Snapshot.Ok);

        driver.InjectFaults(SimulatedFaults.None);
        Advance(TimeSpan.FromSeconds(1));
        Snapshot(actor);
        subscriber.FishForMessage<DeviceEvent>(e => e.Ok);
        Assert.True(entry.Snapshot.Ok);
    }

    [Fact]
    public void PendingCommand_UnansweredPastActorTimeout_TimeoutAndDeviceMarkedUnreachable()
    {
        var (actor, entry, _) = Spawn(
            SimulatedKind.OnOffLight,
            new SimulatedDriverOptions { CommandLatency = TimeSpan.FromSeconds(30), CommandTimeout = TimeSpan.FromMinutes(5) },
            new DeviceActorOptions { CommandTimeout = TimeSpan.FromSeconds(2) });
        Snapshot(actor);
        var subscriber = CreateTestProbe();
        _bus.Subscribe(entry.Info.Id.Value, new ActorDeviceEventSink(subscriber.Ref));
        var on = new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AppEngine);

        actor.Tell(new SendDeviceCommand(on), TestActor);
        Snapshot(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromSeconds(2));

        var result = ExpectMsg<DeviceCommandResult>().Result;
        Assert.Equal(CommandStatus.Timeout, result.Status);
        subscriber.ExpectMsg<DeviceEvent>(e => !e.Ok);
        Assert.False(Snapshot(actor).Ok);
    }

    [Fact]
    public void Stop_DeviceWithPendingCommand_SenderToldUnreachable()
    {
        var (actor, _, _) = Spawn(SimulatedKind.OnOffLight, new SimulatedDriverOptions { CommandLatency = TimeSpan.FromSeconds(30), CommandTimeout = TimeSpan.FromMinutes(5) });
        var on = new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.AppEngine);
        actor.Tell(new SendDeviceCommand(on), TestActor);
        Snapshot(actor);

        Sys.Stop(actor);

        Assert.Equal(CommandStatus.Unreachable, ExpectMsg<DeviceCommandResult>().Result.Status);
    }

    [Fact]
    public void VirtualWatcher_SinkRefuses_EventLostWarnedOncePerRunOfRefusals()
    {
        var id = DeviceId.Create("gw1", "combo");
        Assert.True(VirtualDeviceDriver.TryParseSpec(id, "1,100,6", out var info, out _));
        var entry = new DeviceEntry(info, isVirtual: true);
        var logger = new ListLogger();
        var actor = Sys.ActorOf(DeviceActor.Props(new VirtualDeviceDriver(info), _bus, entry, new DeviceActorOptions(), logger));
        var watcher = new BoundedSink(capacity: 1);
        actor.Tell(new SetVirtualDeviceWatcher(watcher), TestActor);
        var on = new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote);
        var off = new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.Off, [], EventSource.ManualRemote);
        int Warnings() => logger.Entries.Count(e => e.Id.Id == 2202);
        void Send(DeviceCommand command)
        {
            actor.Tell(new SendDeviceCommand(command), TestActor);
            Assert.True(ExpectMsg<DeviceCommandResult>().Result.IsSuccess);
        }

        // The first fits; the next two are refused: one warning for the run.
        Send(on);
        Send(off);
        Send(off);
        Assert.Equal(2, watcher.Refused);
        Assert.Equal(1, Warnings());
        Assert.Equal([CommandIds.OnOff.On], watcher.Drain().Select(e => e.Command));

        // Room again: delivered; the next refusal starts a new run and warns again.
        Send(off);
        Send(on);
        Assert.Equal(2, Warnings());
        Assert.Equal([CommandIds.OnOff.Off], watcher.Drain().Select(e => e.Command));
    }

    [Fact]
    public void VirtualWatcher_Cleared_CommandsReachNobody()
    {
        var id = DeviceId.Create("gw1", "combo");
        Assert.True(VirtualDeviceDriver.TryParseSpec(id, "1,100,6", out var info, out _));
        var actor = Sys.ActorOf(DeviceActor.Props(new VirtualDeviceDriver(info), _bus, new DeviceEntry(info, isVirtual: true), new DeviceActorOptions(), NullLogger.Instance));
        var task = CreateTestProbe();
        actor.Tell(new SetVirtualDeviceWatcher(new ActorDeviceEventSink(task.Ref)), TestActor);
        var on = new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote);

        actor.Tell(new SendDeviceCommand(on), TestActor);
        ExpectMsg<DeviceCommandResult>();
        actor.Tell(new SetVirtualDeviceWatcher(null), TestActor);
        actor.Tell(new SendDeviceCommand(on), TestActor);
        ExpectMsg<DeviceCommandResult>();

        Assert.Equal(CommandIds.OnOff.On, task.ExpectMsg<DeviceEvent>().Command);
        task.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}
