using Akka.Actor;
using Liberty.Devices.Actions;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;
using Liberty.Node.Lua.Api;
using Liberty.Tests.LuaApi;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Tests.LuaDevices;

/// <summary>
/// Base of the device API specs: the Lua API spec base plus a device registry with simulated devices on node
/// <c>gw1</c> (hall: dimmable light, lamp: on/off light, switch, thermo: thermostat, multi: multistate output),
/// the bus, the directory and stored actions, all on virtual time.
/// </summary>
public abstract class LuaDeviceSpec : LuaApiSpec
{
    private long _nextTask = 100;

    private protected LuaDeviceSpec(ITestOutputHelper output, IEnumerable<ActionDeclaration>? actions = null)
        : base(output)
    {
        var options = new DevicesOptions();
        options.Devices.AddRange(
        [
            new DeviceDeclaration { Name = "hall", Driver = "simulated", Kind = "dimmable-light" },
            new DeviceDeclaration { Name = "lamp", Driver = "simulated", Kind = "on-off-light" },
            new DeviceDeclaration { Name = "lamp2", Driver = "simulated", Kind = "on-off-light" },
            new DeviceDeclaration { Name = "switch", Driver = "simulated", Kind = "switch" },
            new DeviceDeclaration { Name = "thermo", Driver = "simulated", Kind = "thermostat" },
            new DeviceDeclaration { Name = "multi", Driver = "simulated", Kind = "multistate", Parameters = { ["states"] = "4", ["cluster"] = "0x0013" } },
        ]);
        options.Actions.AddRange(actions ?? []);
        Assert.Empty(DeviceRegistry.ValidateConfiguration("gw1", options, new DeviceActorOptions()));
        Assert.True(DeviceActions.TryCreate("gw1", options.Actions, out var stored, out _));
        Registry = Sys.ActorOf(Liberty.Devices.Actors.DeviceRegistry.Props("gw1", options, new DeviceActorOptions(), Bus, Directory, NullLoggerFactory.Instance), "devices");
        AwaitCondition(() => Directory.Count == options.Devices.Count && Directory.All.All(e => e.Snapshot.Ok), TimeSpan.FromSeconds(10));
        DeviceServices = new LuaServices(Host)
        {
            Options = Services.Options,
            Devices = Directory,
            DeviceBus = Bus,
            DeviceRegistry = Registry,
            DeviceActions = stored,
        };
    }

    private protected DeviceEventBus Bus { get; } = new();

    private protected DeviceDirectory Directory { get; } = new();

    private protected IActorRef Registry { get; }

    private protected LuaServices DeviceServices { get; }

    private protected static long Id(string name) => DeviceId.Create("gw1", name).Value;

    private protected DeviceEntry Entry(string name) => Directory.TryFind("gw1/" + name, out var entry) ? entry : throw new InvalidOperationException($"no device {name}");

    /// <summary>The next task id (tasks own virtual devices by id).</summary>
    private protected long NextTaskId => _nextTask + 1;

    /// <summary>Starts <paramref name="function"/> of <paramref name="source"/> as a task with the device services.</summary>
    private protected LuaRun RunWithDevices(string source, string function, params object?[] arguments)
    {
        var id = ++_nextTask;
        var task = new LuaRun(DeviceServices, id, $"devspec{id}", new LuaTaskDefinition(source, "app.lua", function, arguments));
        task.Start();
        return task;
    }

    /// <summary>Creates a virtual device owned by task <paramref name="owner"/>.</summary>
    private protected async Task<long> CreateVirtual(string name, string spec, long owner)
    {
        var created = await Registry.Ask<DeviceCreated>(new CreateVirtualDevice(name, spec, null, owner), TimeSpan.FromSeconds(5));
        return created.Info.Id.Value;
    }

    /// <summary>A probe subscribed to the bus events of <paramref name="devices"/>.</summary>
    private protected Akka.TestKit.TestProbe Watch(params long[] devices)
    {
        var probe = CreateTestProbe();
        foreach (var device in devices)
        {
            Bus.Subscribe(device, new Liberty.Devices.Bus.ActorDeviceEventSink(probe.Ref));
        }
        return probe;
    }

    /// <summary>Waits (wall clock, generous) until the device's cached attribute equals <paramref name="expected"/>.</summary>
    private protected async Task AwaitAttribute(string device, int cluster, int attribute, AttributeValue expected)
    {
        var entry = Entry(device);
        await AwaitConditionAsync(
            () => entry.Snapshot.TryGetAttribute(cluster, attribute, out var value) && value == expected,
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(5),
            $"{device} {cluster:x4}/{attribute:x4} = {expected}; snapshot: {string.Join(", ", entry.Snapshot.Attributes.Select(a => $"{a.Cluster:x4}/{a.Attribute:x4}={a.Value}"))}");
    }

    /// <summary>Sends a command to a device as a user would (source manual remote).</summary>
    private protected void UserCommand(string device, int cluster, int command, params AttributeValue[] arguments) =>
        Entry(device).Actor.Tell(new SendDeviceCommand(new DeviceCommand(cluster, command, arguments, EventSource.ManualRemote), ReplyWithResult: false), ActorRefs.NoSender);
}
