using Liberty.Devices.Actions;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Liberty.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.Devices;

public class DeviceActionsTests(ITestOutputHelper output) : LibertyTestKit(output, virtualTime: true)
{
    private readonly DeviceEventBus _bus = new();
    private readonly DeviceDirectory _directory = new();

    private static ActionDeclaration Action(long id, string name, params ActionCommandDeclaration[] commands)
    {
        var action = new ActionDeclaration { Id = id, Name = name };
        action.Commands.AddRange(commands);
        return action;
    }

    private static ActionCommandDeclaration Command(string device, string cluster, string command, params string[] args)
    {
        var c = new ActionCommandDeclaration { Device = device, Cluster = cluster, Command = command };
        c.Arguments.AddRange(args);
        return c;
    }

    [Fact]
    public void TryCreate_ValidDeclarations_ParsedWithIdsAndArguments()
    {
        Assert.True(DeviceActions.TryCreate("gw1", [Action(7, "evening", Command("hall", "0x0008", "0", "128", "10"), Command("gw1/kitchen", "6", "0x01"), Command("x", "1", "2", "true", "2.5", "warm"))], out var actions, out var problems), string.Join("; ", problems));

        var action = Assert.Single(actions.All);
        Assert.True(actions.TryGet(7, out var byId));
        Assert.True(actions.TryFind("evening", out var byName));
        Assert.True(actions.TryFind("7", out var byText));
        Assert.Same(action, byId);
        Assert.Same(action, byName);
        Assert.Same(action, byText);
        Assert.False(actions.TryFind("morning", out _));
        Assert.Equal(("hall", ClusterIds.Level, 0), (action.Steps[0].Device, action.Steps[0].Cluster, action.Steps[0].Command));
        Assert.Equal([128L, 10L], action.Steps[0].Arguments);
        Assert.Equal((ClusterIds.OnOff, 1), (action.Steps[1].Cluster, action.Steps[1].Command));
        Assert.Equal([true, 2.5, "warm"], action.Steps[2].Arguments);
    }

    [Fact]
    public void Validate_BadDeclarations_EachProblemNamesItsPath()
    {
        var problems = DeviceActions.Validate(
        [
            Action(0, "", Command("", "0x10000", "256")),
            Action(2, "b"),
            Action(2, "b", Command("a b", "six", "1")),
        ]);

        Assert.Equal(
        [
            "Devices:Actions:0:Id: must be above 0 (was 0).",
            "Devices:Actions:0:Name: must not be empty.",
            "Devices:Actions:0:Commands:0:Device: '' is not a device name (non-empty, no whitespace).",
            "Devices:Actions:0:Commands:0:Cluster: '0x10000' is not a cluster id (decimal or 0x hex, 0..0xFFFF).",
            "Devices:Actions:0:Commands:0:Command: '256' is not a command id (decimal or 0x hex, 0..0xFF).",
            "Devices:Actions:1:Commands: an action needs at least one command.",
            "Devices:Actions:2:Id: 2 is also the id of Devices:Actions:1.",
            "Devices:Actions:2:Name: 'b' is also the name of Devices:Actions:1.",
            "Devices:Actions:2:Commands:0:Device: 'a b' is not a device name (non-empty, no whitespace).",
            "Devices:Actions:2:Commands:0:Cluster: 'six' is not a cluster id (decimal or 0x hex, 0..0xFFFF).",
        ], problems);
        Assert.False(DeviceActions.TryCreate("gw1", [Action(0, "x")], out var actions, out _));
        Assert.Null(actions);
    }

    [Fact]
    public void Trigger_DevicesExist_EachCommandSentWithTheSource()
    {
        var options = new DevicesOptions();
        options.Devices.Add(new DeviceDeclaration { Name = "hall", Driver = "simulated", Kind = "dimmable-light" });
        options.Devices.Add(new DeviceDeclaration { Name = "lamp", Driver = "simulated", Kind = "on-off-light" });
        Sys.ActorOf(DeviceRegistry.Props("gw1", options, new DeviceActorOptions(), _bus, _directory, NullLoggerFactory.Instance), "devices");
        AwaitCondition(() => _directory.Count == 2 && _directory.All.All(e => e.Snapshot.Ok));
        var hall = DeviceId.Create("gw1", "hall").Value;
        var lamp = DeviceId.Create("gw1", "lamp").Value;
        var watcher = CreateTestProbe();
        _bus.Subscribe(hall, new ActorDeviceEventSink(watcher.Ref));
        _bus.Subscribe(lamp, new ActorDeviceEventSink(watcher.Ref));
        Assert.True(DeviceActions.TryCreate("gw1", [Action(1, "evening", Command("hall", "0x0008", "0", "128", "0"), Command("gw1/lamp", "6", "1"))], out var actions, out _));
        var task = CreateTestProbe();

        var result = actions.Trigger(actions.All[0], EventSource.AppEngine, _directory, task.Ref);

        Assert.Equal(new ActionTriggerResult(2, []).Sent, result.Sent);
        Assert.Empty(result.Missing);
        // The two devices report from their own threads, in either order: fish until both were seen.
        bool hallSeen = false, lampSeen = false;
        watcher.FishForMessage<DeviceEvent>(e =>
        {
            hallSeen |= e.Id == hall && e.Type == EventType.AttributeReport && e.Source == EventSource.AppEngine
                && e.Attributes!.TryGetValue(AttributeIds.Level.CurrentLevel, out var level) && level == 128L;
            lampSeen |= e.Id == lamp && e.Type == EventType.AttributeReport && e.Source == EventSource.AppEngine
                && e.Attributes!.TryGetValue(AttributeIds.OnOff.State, out var on) && on == true;
            return hallSeen && lampSeen;
        });
        task.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Trigger_DeviceMissing_ReplyToGetsOkFalseCommandEvent()
    {
        Assert.True(DeviceActions.TryCreate("gw1", [Action(1, "a", Command("ghost", "6", "1"))], out var actions, out _));
        var task = CreateTestProbe();

        var result = actions.Trigger(actions.All[0], EventSource.AutoLocal, _directory, task.Ref);

        Assert.Equal(0, result.Sent);
        Assert.Equal(["ghost"], result.Missing);
        var failed = task.ExpectMsg<DeviceEvent>();
        Assert.Equal(DeviceEvent.ForCommand(DeviceId.Create("gw1", "ghost").Value, ClusterIds.OnOff, 1, [], EventSource.AutoLocal, ok: false), failed);
    }
}
