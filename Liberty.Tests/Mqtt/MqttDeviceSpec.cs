using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Drivers;
using Liberty.Devices.Drivers.Mqtt;
using Liberty.Devices.Model;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;
using Liberty.Tests.LuaApi;

namespace Liberty.Tests.Mqtt;

/// <summary>
/// Base of the MQTT device specs: a node's device registry, bus and directory on node <c>gw1</c>, its MQTT service
/// connected to a real broker (mosquitto, or the node's embedded broker), a <see cref="FakeBridge"/> playing
/// Zigbee2MQTT, Tasmota and Home Assistant on the same broker, and Lua tasks with the device API. Actor timers (command
/// timeouts) and the reconnect back-off run on virtual time; the broker and its sockets are real.
/// </summary>
public abstract partial class MqttDeviceSpec : LuaApiSpec, IAsyncLifetime
{
    private protected const string Describe = """
        local function describe(ev)
          local a = {}
          if ev.a then
            local ks = {}
            for k in pairs(ev.a) do ks[#ks + 1] = k end
            table.sort(ks)
            for _, k in ipairs(ks) do a[#a + 1] = string.format("%d=%s", k, tostring(ev.a[k])) end
          end
          return string.format("t=%d ok=%s c=%d a={%s} s=%d id=%d", ev.t, tostring(ev.ok), ev.c, table.concat(a, ","), ev.s, ev.id)
        end
        """;

    private protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private long _nextTask = 500;
    private MqttService? _service;

    private protected MqttDeviceSpec(ITestOutputHelper output)
        : base(output, new EngineOptions { EventQueueCapacity = 256, WatchdogLimit = TimeSpan.Zero }, virtualTime: true)
    {
        Logs = new CapturingLoggerFactory(output);
    }

    private protected CapturingLoggerFactory Logs { get; }

    private protected DeviceEventBus Bus { get; } = new();

    private protected DeviceDirectory Directory { get; } = new();

    private protected DeviceActorOptions ActorOptions { get; } = new();

    private protected IActorRef Registry { get; private set; } = ActorRefs.Nobody;

    private protected MqttService Service => _service ?? throw new InvalidOperationException("StartNode first.");

    private protected FakeBridge Bridge { get; private set; } = null!;

    /// <summary>Whether the node runs the broker itself.</summary>
    private protected abstract bool Embedded { get; }

    /// <summary>The broker's port (known before the node starts).</summary>
    private protected abstract int BrokerPort { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (Bridge is not null)
        {
            await Bridge.DisposeAsync();
        }
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    /// <summary>Starts the node's MQTT (and its embedded broker), waits until connected, then connects the fake bridge.</summary>
    private protected async Task StartNode(Action<MqttOptions>? configure = null, params DeviceDeclaration[] own)
    {
        var options = new MqttOptions { ReconnectMinDelay = TimeSpan.FromSeconds(1), ReconnectMaxDelay = TimeSpan.FromSeconds(4) };
        if (Embedded)
        {
            options.EmbeddedBroker.Enabled = true;
            options.EmbeddedBroker.Port = BrokerPort;
        }
        else
        {
            options.Broker.Host = "127.0.0.1";
            options.Broker.Port = BrokerPort;
        }
        configure?.Invoke(options);
        Assert.Empty(options.Validate());
        var devices = new DevicesOptions();
        devices.Devices.AddRange(own);
        Registry = Sys.ActorOf(DeviceRegistry.Props("gw1", devices, ActorOptions, Bus, Directory, Logs), "devices");
        _service = await MqttService.StartAsync(Sys, "gw1", options, ActorOptions.CommandTimeout, Registry, Directory, Bus, Logs);
        await Service.Connection.WhenConnectedAsync(new CancellationTokenSource(Patience).Token);
        Bridge = await FakeBridge.ConnectAsync(BrokerPort, "homeassistant/#", "liberty/#");
    }

    /// <summary>Waits (wall clock, generous) until device <c>gw1/<paramref name="name"/></c> exists and satisfies <paramref name="condition"/>.</summary>
    private protected async Task<DeviceEntry> AwaitDevice(string name, Func<DeviceEntry, bool>? condition = null)
    {
        DeviceEntry? found = null;
        await AwaitConditionAsync(() => Directory.TryFind("gw1/" + name, out found) && (condition?.Invoke(found) ?? true), Patience, TimeSpan.FromMilliseconds(10),
            $"device gw1/{name} (devices: {string.Join(", ", Directory.All.Select(e => $"{e.Info.Id.Name} ok={e.Snapshot.Ok}"))})");
        return found!;
    }

    /// <summary>Waits until the device's cached attribute equals <paramref name="expected"/>.</summary>
    private protected Task AwaitAttribute(string name, int cluster, int attribute, AttributeValue expected) =>
        AwaitDevice(name, e => e.Snapshot.TryGetAttribute(cluster, attribute, out var value) && value == expected);

    /// <summary>Starts a task with the device services.</summary>
    private protected LuaRun RunWithDevices(string source, string function, params object?[] arguments)
    {
        var services = new LuaServices(Host) { Options = Services.Options, Devices = Directory, DeviceBus = Bus, DeviceRegistry = Registry };
        var id = ++_nextTask;
        var task = new LuaRun(services, id, $"mqtt{id}", new LuaTaskDefinition(source, "app.lua", function, arguments));
        task.Start();
        return task;
    }

    /// <summary>A Lua app whose <c>main(...)</c> subscribes to every device given and logs every event.</summary>
    private protected static string Watcher(string commands) => Describe + "\n" + $$"""
        local function drain()
          for ev in function() return Libre_GetEvent() end do
            Libre_Log(2, describe(ev))
          end
        end

        function main(...)
          local devices = {...}
          for _, d in ipairs(devices) do Libre_SetWaitDevice(d) end
          Libre_Log(2, "ready")
          {{commands}}
          while true do
            Libre_Wait()
            drain()
          end
        end
        """;

    /// <summary>Waits until the bridge has received <paramref name="count"/> messages on <paramref name="topic"/>.</summary>
    private protected Task AwaitReceived(string topic, int count) =>
        AwaitConditionAsync(() => Bridge.Received.Count(r => r.Topic == topic) >= count, Patience, TimeSpan.FromMilliseconds(10),
            $"{count} messages on {topic}; received: {string.Join(" | ", Bridge.Received.Select(r => r.Topic + " " + r.Payload))}");
}
