using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Liberty.Node.Engine;
using Liberty.Node.Hosting;
using Liberty.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.Hosting;

/// <summary>The recorder that journals device last-known attributes: coalesced per device per interval, flushed on request.</summary>
public sealed class DeviceStateRecorderTests(ITestOutputHelper output) : LibertyTestKit(output, virtualTime: true)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly DeviceEventBus _bus = new();
    private readonly DeviceDirectory _directory = new();
    private readonly RecordingStore _store = new();

    [Fact]
    public void ChattyDevice_ManyChangesInOneInterval_OneWriteWithTheLastValues()
    {
        var light = Light("hall");
        var recorder = Sys.ActorOf(DeviceStateRecorder.Props(_bus, _directory, _store, Interval, [], NullLogger.Instance));
        Sync(recorder);

        for (var i = 0; i < 25; i++)
        {
            light.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.Toggle, [], EventSource.ManualRemote)), TestActor);
            ExpectMsg<DeviceCommandResult>();
        }
        Sync(recorder);
        Assert.Empty(_store.Writes);
        Advance(Interval);
        Sync(recorder);

        var write = Assert.Single(_store.Writes);
        Assert.True(write.TryGetOnOff(out var on) && on, "25 toggles from off leave the light on");
        Advance(Interval * 3);
        Sync(recorder);
        Assert.Single(_store.Writes);
    }

    [Fact]
    public void FlushNow_PendingChange_WrittenBeforeTheAnswer()
    {
        var light = Light("hall");
        var recorder = Sys.ActorOf(DeviceStateRecorder.Props(_bus, _directory, _store, Interval, [], NullLogger.Instance));
        Sync(recorder);
        light.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote)), TestActor);
        ExpectMsg<DeviceCommandResult>();

        recorder.Tell(DeviceStateRecorder.FlushNow.Instance, TestActor);
        ExpectMsg<object>();

        var write = Assert.Single(_store.Writes);
        Assert.True(write.TryGetOnOff(out var on) && on);
    }

    [Fact]
    public void Restored_UnchangedValuesReannounced_NotWrittenAgain()
    {
        var light = Light("hall");
        AwaitCondition(() => _directory.All.Single().Snapshot.Ok);
        var recorder = Sys.ActorOf(DeviceStateRecorder.Props(_bus, _directory, _store, Interval, [_directory.All.Single().Snapshot], NullLogger.Instance));
        Sync(recorder);

        _bus.Publish(new DeviceEvent(EventType.AttributeReport, _directory.All.Single().Info.Id.Value, true, ClusterIds.OnOff, null, null, null, null, EventSource.Report));
        Advance(Interval);
        Sync(recorder);

        Assert.Empty(_store.Writes);
        _ = light;
    }

    private IActorRef Light(string name)
    {
        var options = new DevicesOptions();
        options.Devices.Add(new DeviceDeclaration { Name = name, Driver = "simulated", Kind = "on-off-light" });
        var registry = Sys.ActorOf(DeviceRegistry.Props("gw1", options, new DeviceActorOptions(), _bus, _directory, NullLoggerFactory.Instance), "devices");
        registry.Tell(ListDevices.Instance, TestActor);
        ExpectMsg<DeviceList>();
        return _directory.All.Single().Actor;
    }

    // A round trip through the recorder's mailbox: everything sent before has been handled.
    private void Sync(IActorRef recorder)
    {
        recorder.Tell(new Identify(1), TestActor);
        ExpectMsg<ActorIdentity>();
    }

    private sealed class RecordingStore : ITaskStore
    {
        private readonly List<DeviceSnapshot> _writes = [];

        public IReadOnlyList<DeviceSnapshot> Writes
        {
            get
            {
                lock (_writes)
                {
                    return [.. _writes];
                }
            }
        }

        public Task SaveDeviceStateAsync(DeviceSnapshot device)
        {
            lock (_writes)
            {
                _writes.Add(device);
            }
            return Task.CompletedTask;
        }

        public Task SaveAppAsync(AppRecord app) => Task.CompletedTask;

        public Task RemoveAppAsync(string name) => Task.CompletedTask;

        public Task SaveTaskAsync(TaskRecord task) => Task.CompletedTask;

        public Task DeleteTaskAsync(long taskId) => Task.CompletedTask;

        public Task SaveTaskDataAsync(long taskId, string name, string? value) => Task.CompletedTask;

        public Task<StoredNodeState> LoadAsync() => Task.FromResult(StoredNodeState.Empty);
    }
}
