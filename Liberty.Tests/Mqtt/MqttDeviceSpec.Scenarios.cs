using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Drivers;
using Liberty.Devices.Model;

namespace Liberty.Tests.Mqtt;

/// <summary>The scenarios, run by each broker's spec class.</summary>
public abstract partial class MqttDeviceSpec
{
    private protected async Task Zigbee2Mqtt_BridgeDevices_AdoptedWithClustersAndTypes()
    {
        await StartNode();
        await Bridge.PublishZigbee2MqttAsync();

        var lamp = await AwaitDevice("living-lamp", e => e.Snapshot.Ok && e.Snapshot.TryGetAttribute(ClusterIds.Level, AttributeIds.Level.CurrentLevel, out _));
        AssertKind(lamp, DeviceTypes.DimmableLight, "mqtt/zigbee2mqtt", ClusterIds.OnOff, ClusterIds.Level);
        var plug = await AwaitDevice("plug");
        AssertKind(plug, DeviceTypes.OnOffLight, null, ClusterIds.OnOff);
        var radiator = await AwaitDevice("radiator");
        AssertKind(radiator, DeviceTypes.Thermostat, null, ClusterIds.Thermostat);
        var sensor = await AwaitDevice("hall-sensor");
        AssertKind(sensor, DeviceTypes.TemperatureSensor, null, ClusterIds.TemperatureMeasurement);

        // State: a lamp that is off has level 0 (on = level > 0); temperatures in 0.01 °C.
        await AwaitAttribute("living-lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
        await AwaitAttribute("living-lamp", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 0L);
        await AwaitAttribute("hall-sensor", ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MeasuredValue, 2125L);
        await AwaitAttribute("radiator", ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint, 2000L);
        await AwaitAttribute("radiator", ClusterIds.Thermostat, AttributeIds.Thermostat.SystemMode, 4L);
        Assert.False(Directory.TryFind("gw1/Coordinator", out _));
        Assert.False(Directory.TryFind("gw1/button", out _));
        Assert.Single(Logs.With(2312), m => m.Contains("'button'", StringComparison.Ordinal));
    }

    private protected async Task Tasmota_Discovery_AdoptedWithClustersAndTypes()
    {
        await StartNode();
        await Bridge.PublishTasmotaAsync();

        var dimmer = await AwaitDevice("Kitchen-Dimmer", e => e.Snapshot.Ok);
        AssertKind(dimmer, DeviceTypes.DimmableLight, "mqtt/tasmota", ClusterIds.OnOff, ClusterIds.Level);
        var garage = await AwaitDevice("Garage-Temp");
        AssertKind(garage, DeviceTypes.TemperatureSensor, null, ClusterIds.TemperatureMeasurement);
        await AwaitAttribute("Kitchen-Dimmer", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
        await AwaitAttribute("Garage-Temp", ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MeasuredValue, 1250L);
    }

    private protected async Task HomeAssistant_Discovery_AdoptedWithClustersAndTypes()
    {
        await StartNode();
        await Bridge.PublishHomeAssistantAsync();

        var desk = await AwaitDevice("Desk-Light", e => e.Snapshot.Ok);
        AssertKind(desk, DeviceTypes.DimmableLight, "mqtt/homeassistant", ClusterIds.OnOff, ClusterIds.Level);
        var fan = await AwaitDevice("Fan");
        AssertKind(fan, DeviceTypes.OnOffLight, null, ClusterIds.OnOff);
        var office = await AwaitDevice("Office");
        AssertKind(office, DeviceTypes.Thermostat, null, ClusterIds.Thermostat);
        await AwaitAttribute("Fan", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
        await AwaitAttribute("Porch-Temperature", ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MeasuredValue, 750L);
        await AwaitAttribute("Office", ClusterIds.Thermostat, AttributeIds.Thermostat.LocalTemperature, 2050L);
        await AwaitAttribute("Office", ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint, 2100L);
        await AwaitAttribute("Office", ClusterIds.Thermostat, AttributeIds.Thermostat.SystemMode, 4L);
        Assert.False(Directory.TryFind("gw1/Porch-Humidity", out _));
    }

    private protected async Task LuaTask_CommandsAdoptedDevices_SeesEchoesAsReports()
    {
        await StartNode();
        await Bridge.PublishZigbee2MqttAsync();
        await Bridge.PublishTasmotaAsync();
        await Bridge.PublishHomeAssistantAsync();
        var lamp = await AwaitDevice("living-lamp", e => e.Snapshot.Ok && e.Snapshot.TryGetAttribute(ClusterIds.Level, 0, out _));
        var radiator = await AwaitDevice("radiator", e => e.Snapshot.Ok && e.Snapshot.TryGetAttribute(ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint, out _));
        var kitchen = await AwaitDevice("Kitchen-Dimmer", e => e.Snapshot.Ok && e.Snapshot.TryGetAttribute(ClusterIds.OnOff, 0, out _));
        var desk = await AwaitDevice("Desk-Light", e => e.Snapshot.Ok && e.Snapshot.TryGetAttribute(ClusterIds.OnOff, 0, out _));

        var task = RunWithDevices(Watcher("""
            Libre_DeviceOnOffSet(devices[1], true)
            Libre_DeviceLevelSet(devices[1], 128)
            Libre_DeviceThermostatSet(devices[2], {[0x12] = 2150})
            Libre_DeviceLevelSet(devices[3], 255)
            Libre_DeviceOnOffSet(devices[4], true)
            """), "main", lamp.Info.Id.Value, radiator.Info.Id.Value, kitchen.Info.Id.Value, desk.Info.Id.Value);

        // Each echo is an attribute report with the command's source (5, app engine); Zigbee2MQTT's 254 maps back to 255.
        await LogLine(task, "t=1 ok=true c=6 a={0=true} s=5");
        await LogLine(task, "t=1 ok=true c=8 a={0=128} s=5");
        await LogLine(task, "t=1 ok=true c=513 a={18=2150} s=5");
        await LogLine(task, "t=1 ok=true c=8 a={0=255} s=5");
        await AwaitAttribute("Desk-Light", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        Assert.Contains(Bridge.Received, r => r.Topic == "zigbee2mqtt/radiator/set" && r.Payload == """{"occupied_heating_setpoint":21.5}""");
        Assert.Contains(Bridge.Received, r => r.Topic == "cmnd/kitchen/Dimmer" && r.Payload == "100");
        Assert.Contains(Bridge.Received, r => r.Topic == "fake/desk/set" && r.Payload == """{"state":"ON"}""");
        Assert.DoesNotContain(Lines(task), l => l.Contains("ok=false", StringComparison.Ordinal));
    }

    private protected async Task Availability_Offline_SubscribersGetOkFalse()
    {
        await StartNode();
        await Bridge.PublishZigbee2MqttAsync();
        await Bridge.PublishTasmotaAsync();
        var plug = await AwaitDevice("plug", e => e.Snapshot.Ok);
        var kitchen = await AwaitDevice("Kitchen-Dimmer", e => e.Snapshot.Ok);
        var radiator = await AwaitDevice("radiator", e => e.Snapshot.Ok);
        var task = RunWithDevices(Watcher(""), "main", plug.Info.Id.Value, kitchen.Info.Id.Value, radiator.Info.Id.Value);
        await LogLine(task, "ready");

        await Bridge.PublishAsync("zigbee2mqtt/plug/availability", """{"state":"offline"}""", retain: true);
        await LogLine(task, "t=1 ok=false c=6");
        await AwaitDevice("plug", e => !e.Snapshot.Ok);
        await Bridge.PublishAsync("tele/kitchen/LWT", "Offline", retain: true);
        await LogLine(task, "t=1 ok=false c=8");
        await AwaitDevice("Kitchen-Dimmer", e => !e.Snapshot.Ok);
        // The older plain form, for the bridge itself: every Zigbee2MQTT device goes down with it.
        await Bridge.PublishAsync("zigbee2mqtt/bridge/state", "offline", retain: true);
        await LogLine(task, "t=1 ok=false c=513");
        await AwaitDevice("radiator", e => !e.Snapshot.Ok);

        await Bridge.PublishAsync("zigbee2mqtt/bridge/state", "online", retain: true);
        await AwaitDevice("radiator", e => e.Snapshot.Ok);
        Assert.False(Entry("plug").Snapshot.Ok);
    }

    private protected async Task Command_NoEchoWithinTimeout_TaskGetsOkFalseCommandEvent()
    {
        await StartNode();
        await Bridge.PublishZigbee2MqttAsync();
        var plug = await AwaitDevice("plug", e => e.Snapshot.Ok && e.Snapshot.TryGetAttribute(ClusterIds.OnOff, 0, out _));
        Bridge.Silent = true;
        var started = Clock.GetUtcNow();
        var task = RunWithDevices(Watcher("Libre_DeviceOnOffSet(devices[1], false)"), "main", plug.Info.Id.Value);
        await AwaitReceived("zigbee2mqtt/plug/set", 1);

        // Virtual time moves a second per look until the device actor's command timeout (10 s) has passed.
        await LogLine(task, "t=0 ok=false c=6", advance: TimeSpan.FromSeconds(1));
        Assert.True(Clock.GetUtcNow() - started >= ActorOptions.CommandTimeout, $"failed after {Clock.GetUtcNow() - started} of virtual time");
        await AwaitDevice("plug", e => !e.Snapshot.Ok);
    }

    private protected async Task MalformedPayload_LoggedOnceAndIgnored()
    {
        await StartNode();
        await Bridge.PublishZigbee2MqttAsync();
        await AwaitDevice("plug", e => e.Snapshot.Ok && e.Snapshot.TryGetAttribute(ClusterIds.OnOff, 0, out var on) && on == true);

        for (var i = 0; i < 3; i++)
        {
            await Bridge.PublishAsync("zigbee2mqtt/plug", "{\"state\": ON oops");
            await Bridge.PublishAsync("zigbee2mqtt/bridge/devices", "[{\"friendly_name\":");
        }
        await Bridge.SetZ2m("plug", new System.Text.Json.Nodes.JsonObject { ["state"] = "OFF" });

        await AwaitAttribute("plug", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
        Assert.Single(Logs.With(2313), m => m.Contains("zigbee2mqtt/plug ", StringComparison.Ordinal));
        Assert.Single(Logs.With(2313), m => m.Contains("zigbee2mqtt/bridge/devices", StringComparison.Ordinal));
        Assert.True(Entry("living-lamp").Snapshot.Ok, "a malformed device list withdraws nothing");
    }

    private protected async Task PublishDevices_OwnDevicesAppearUnderHomeAssistant()
    {
        await StartNode(o => o.HomeAssistant.PublishDevices = true,
            new DeviceDeclaration { Name = "lamp", Driver = "simulated", Kind = "dimmable-light" },
            new DeviceDeclaration { Name = "thermo", Driver = "simulated", Kind = "thermostat" },
            new DeviceDeclaration { Name = "outside", Driver = "simulated", Kind = "temperature-sensor" });
        await AwaitDevice("thermo");
        await AwaitDevice("outside");
        await AwaitDevice("lamp");
        // The exporter finds devices created after the connect at its next rescan (virtual time); Home Assistant
        // announcing itself online has everything published again, now that the fake bridge listens.
        Clock.Advance(TimeSpan.FromSeconds(10));
        await Bridge.PublishAsync("homeassistant/status", "online");
        await AwaitReceived("homeassistant/climate/liberty_gw1/thermo/config", 1);
        await AwaitReceived("homeassistant/light/liberty_gw1/lamp/config", 1);
        await AwaitReceived("homeassistant/sensor/liberty_gw1/outside/config", 1);
        var config = Bridge.Received.Last(r => r.Topic == "homeassistant/light/liberty_gw1/lamp/config").Payload;
        Assert.Contains("\"cmd_t\":\"liberty/gw1/lamp/set\"", config, StringComparison.Ordinal);
        Assert.Contains("\"mf\":\"Liberty Cluster\"", config, StringComparison.Ordinal);
        await AwaitReceived("liberty/gw1/lamp/state", 1);

        // A command from Home Assistant reaches the device, and its new state comes back on the state topic.
        await Bridge.PublishAsync("liberty/gw1/lamp/set", """{"state":"ON","brightness":100}""");
        await AwaitAttribute("lamp", ClusterIds.Level, AttributeIds.Level.CurrentLevel, 100L);
        await AwaitConditionAsync(() => Bridge.Received.Any(r => r.Topic == "liberty/gw1/lamp/state" && r.Payload.Contains("\"brightness\":100", StringComparison.Ordinal)),
            Patience, TimeSpan.FromMilliseconds(10), "the lamp's new state");
        await Bridge.PublishAsync("liberty/gw1/thermo/set/temperature", "22.5");
        await AwaitAttribute("thermo", ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint, 2250L);

        // Home Assistant restarted: everything is published again. Liberty's own configs are never adopted back.
        var before = Bridge.Received.Count(r => r.Topic == "homeassistant/light/liberty_gw1/lamp/config");
        await Bridge.PublishAsync("homeassistant/status", "online");
        await AwaitReceived("homeassistant/light/liberty_gw1/lamp/config", before + 1);
        Assert.DoesNotContain(Directory.All, e => e.Info.Driver.StartsWith("mqtt/", StringComparison.Ordinal));
    }

    private static void AssertKind(DeviceEntry device, int type, string? driver, params int[] clusters)
    {
        Assert.Equal(DeviceTypes.GetName(type), DeviceTypes.GetName(device.Info.DeviceType));
        Assert.Equal(clusters, device.Info.Clusters);
        if (driver is not null)
        {
            Assert.Equal(driver, device.Info.Driver);
        }
    }

    private DeviceEntry Entry(string name) => Directory.TryFind("gw1/" + name, out var entry) ? entry : throw new InvalidOperationException($"no device {name}");

    /// <summary>Sends a command as the API does and waits for its result.</summary>
    private protected static Task<DeviceCommandResult> Command(DeviceEntry device, int cluster, int command) =>
        device.Actor.Ask<DeviceCommandResult>(new SendDeviceCommand(new DeviceCommand(cluster, command, [], EventSource.ManualRemote)), Patience);
}
