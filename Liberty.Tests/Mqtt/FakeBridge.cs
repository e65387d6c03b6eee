using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;

namespace Liberty.Tests.Mqtt;

/// <summary>
/// Plays the bridges' role on a real broker with its own MQTTnet client: publishes retained discovery (recorded-style
/// Zigbee2MQTT, Tasmota and Home Assistant messages), keeps each fake device's state, answers commands with state echoes
/// the way each bridge does (unless <see cref="Silent"/>), and records every message it receives.
/// </summary>
internal sealed class FakeBridge : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly Lock _lock = new();
    private readonly List<(string Topic, string Payload)> _received = [];
    private readonly Dictionary<string, JsonObject> _z2m = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _tasmota = new(StringComparer.Ordinal);

    private readonly System.Threading.Channels.Channel<(string Topic, string Payload)> _inbox = System.Threading.Channels.Channel.CreateUnbounded<(string, string)>();
    private readonly Task _answering;

    private FakeBridge()
    {
        // One message at a time, in arrival order, like a bridge: echoes leave in the order the commands came.
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _inbox.Writer.TryWrite((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        _answering = Task.Run(async () =>
        {
            await foreach (var (topic, payload) in _inbox.Reader.ReadAllAsync())
            {
                await AnswerAsync(topic, payload);
            }
        });
    }

    /// <summary>When true, commands get no echo.</summary>
    public bool Silent { get; set; }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<(string Topic, string Payload)> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Connects to the broker and subscribes to command topics and <paramref name="extra"/> filters.</summary>
    public static async Task<FakeBridge> ConnectAsync(int port, params string[] extra)
    {
        var bridge = new FakeBridge();
        await bridge._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("fake-bridge-" + Guid.NewGuid().ToString("N")).WithCleanSession().Build());
        var subscribe = new MqttClientSubscribeOptionsBuilder().WithTopicFilter("zigbee2mqtt/+/set").WithTopicFilter("zigbee2mqtt/+/get").WithTopicFilter("cmnd/#").WithTopicFilter("fake/+/set");
        foreach (var filter in extra)
        {
            subscribe.WithTopicFilter(filter);
        }
        await bridge._client.SubscribeAsync(subscribe.Build());
        return bridge;
    }

    /// <summary>Publishes a message.</summary>
    public Task PublishAsync(string topic, string payload, bool retain = false) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).Build());

    /// <summary>Zigbee2MQTT: a retained device list, the bridge online, and each device's retained state and availability.</summary>
    public async Task PublishZigbee2MqttAsync()
    {
        await PublishAsync("zigbee2mqtt/bridge/state", """{"state":"online"}""", retain: true);
        await PublishAsync("zigbee2mqtt/bridge/devices", Zigbee2MqttDevicesJson, retain: true);
        await SetZ2m("living lamp", new JsonObject { ["state"] = "OFF", ["brightness"] = 200, ["linkquality"] = 120 });
        await SetZ2m("plug", new JsonObject { ["state"] = "ON" });
        await SetZ2m("radiator", new JsonObject { ["local_temperature"] = 19.5, ["occupied_heating_setpoint"] = 20, ["system_mode"] = "heat" });
        await SetZ2m("hall sensor", new JsonObject { ["temperature"] = 21.25, ["humidity"] = 40 });
        foreach (var name in new[] { "living lamp", "plug", "radiator" })
        {
            await PublishAsync($"zigbee2mqtt/{name}/availability", """{"state":"online"}""", retain: true);
        }
    }

    /// <summary>Tasmota: a dimmer "Kitchen Dimmer" (topic kitchen) and a sensor-only "Garage Temp" (topic garage), their last wills and state.</summary>
    public async Task PublishTasmotaAsync()
    {
        await PublishAsync("tasmota/discovery/A1B2C3D4E5F6/config", """
            {"ip":"192.168.1.50","dn":"Tasmota","fn":["Kitchen Dimmer",null,null,null],"hn":"kitchen-1234","mac":"A1B2C3D4E5F6","md":"Sonoff Dimmer",
             "ty":0,"if":0,"ofln":"Offline","onln":"Online","state":["OFF","ON","TOGGLE","HOLD"],"sw":"13.1.0","t":"kitchen","ft":"%prefix%/%topic%/",
             "tp":["cmnd","stat","tele"],"rl":[2,0,0,0,0,0,0,0],"swc":[-1,-1,-1,-1],"swn":[null,null,null,null],"btn":[0,0,0,0],"so":{"4":0,"11":0},
             "lk":0,"lt_st":1,"sho":[0,0,0,0],"sht":[[0,0,0]],"ver":1}
            """, retain: true);
        await PublishAsync("tasmota/discovery/A1B2C3D4E5F6/sensors", """{"sn":{"Time":"2026-12-04T10:00:00"},"ver":1}""", retain: true);
        await PublishAsync("tasmota/discovery/0011223344AA/config", """
            {"dn":"Garage Temp","fn":[null],"hn":"garage","mac":"0011223344AA","ofln":"Offline","onln":"Online","state":["OFF","ON","TOGGLE","HOLD"],
             "t":"garage","ft":"%prefix%/%topic%/","tp":["cmnd","stat","tele"],"rl":[0],"lt_st":0,"ver":1}
            """, retain: true);
        await PublishAsync("tasmota/discovery/0011223344AA/sensors", """{"sn":{"Time":"2026-12-04T10:00:00","DS18B20":{"Id":"0314","Temperature":12.5},"TempUnit":"C"},"ver":1}""", retain: true);
        await PublishAsync("tele/kitchen/LWT", "Online", retain: true);
        await PublishAsync("tele/garage/LWT", "Online", retain: true);
        lock (_lock)
        {
            _tasmota["kitchen"] = new JsonObject { ["POWER"] = "OFF", ["Dimmer"] = 40 };
        }
        await PublishAsync("tele/kitchen/STATE", """{"Time":"2026-12-04T10:00:00","POWER":"OFF","Dimmer":40}""");
        await PublishAsync("tele/garage/SENSOR", """{"Time":"2026-12-04T10:00:00","DS18B20":{"Id":"0314","Temperature":12.5},"TempUnit":"C"}""");
    }

    /// <summary>Home Assistant discovery: a JSON-schema light, a switch, a temperature sensor and a climate device (abbreviated keys, <c>~</c>).</summary>
    public async Task PublishHomeAssistantAsync()
    {
        await PublishAsync("homeassistant/light/bridge1/desk/config", """
            {"name":"Desk Light","uniq_id":"desk1","~":"fake/desk","cmd_t":"~/set","stat_t":"~/state","schema":"json","brightness":true,
             "avty_t":"fake/desk/status","dev":{"ids":["desk1"],"name":"Desk","mf":"Acme"}}
            """, retain: true);
        await PublishAsync("homeassistant/switch/fan/config", """{"name":"Fan","cmd_t":"fake/fan/set","stat_t":"fake/fan/state","pl_on":"1","pl_off":"0"}""", retain: true);
        await PublishAsync("homeassistant/sensor/porch/config", """{"name":"Porch Temperature","stat_t":"fake/porch/state","dev_cla":"temperature","unit_of_meas":"°C","val_tpl":"{{ value_json.temperature | float }}"}""", retain: true);
        await PublishAsync("homeassistant/sensor/porch_humidity/config", """{"name":"Porch Humidity","stat_t":"fake/porch/state","dev_cla":"humidity","unit_of_meas":"%"}""", retain: true);
        await PublishAsync("homeassistant/climate/office/config", """
            {"name":"Office","mode_cmd_t":"fake/office/set/mode","mode_stat_t":"fake/office/state","mode_stat_tpl":"{{ value_json.mode }}",
             "temp_cmd_t":"fake/office/set/temp","temp_stat_t":"fake/office/state","temp_stat_tpl":"{{ value_json['target'] }}",
             "curr_temp_t":"fake/office/state","curr_temp_tpl":"{{ value_json.current }}","modes":["off","heat"]}
            """, retain: true);
        await PublishAsync("fake/desk/status", "online", retain: true);
        await PublishAsync("fake/desk/state", """{"state":"OFF"}""", retain: true);
        await PublishAsync("fake/fan/state", "0", retain: true);
        await PublishAsync("fake/porch/state", """{"temperature":7.5,"humidity":80}""", retain: true);
        await PublishAsync("fake/office/state", """{"mode":"heat","target":21,"current":20.5}""", retain: true);
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Writer.TryComplete();
        await _answering;
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }

    /// <summary>Zigbee2MQTT: the device's state changes on its own (later reads answer with it too) and is published.</summary>
    public Task SetZ2m(string name, JsonObject state)
    {
        lock (_lock)
        {
            _z2m[name] = state;
        }
        return PublishAsync("zigbee2mqtt/" + name, state.ToJsonString());
    }

    private async Task AnswerAsync(string topic, string payload)
    {
        lock (_lock)
        {
            _received.Add((topic, payload));
        }
        if (Silent)
        {
            return;
        }
        var parts = topic.Split('/');
        string? echoTopic = null;
        string? echo = null;
        lock (_lock)
        {
            if (parts is ["zigbee2mqtt", var name, "set" or "get"] && _z2m.TryGetValue(name, out var state))
            {
                if (parts[2] == "set" && JsonNode.Parse(payload) is JsonObject set)
                {
                    foreach (var (key, value) in set)
                    {
                        if (key is "transition" or "on_time" or "brightness_move")
                        {
                            continue;
                        }
                        state[key] = value?.DeepClone();
                        if (key == "brightness")
                        {
                            state["state"] = "ON";
                        }
                    }
                }
                (echoTopic, echo) = ("zigbee2mqtt/" + name, state.ToJsonString());
            }
            else if (parts is ["cmnd", "garage", "STATUS"] && payload == "10")
            {
                (echoTopic, echo) = ("stat/garage/STATUS10", """{"StatusSNS":{"Time":"2026-12-04T10:00:00","DS18B20":{"Id":"0314","Temperature":12.5},"TempUnit":"C"}}""");
            }
            else if (parts is ["cmnd", var t, var command] && _tasmota.TryGetValue(t, out var power))
            {
                switch (command)
                {
                    case "POWER":
                        power["POWER"] = payload == "TOGGLE" ? (power["POWER"]?.GetValue<string>() == "ON" ? "OFF" : "ON") : payload;
                        break;
                    case "Dimmer":
                        power["Dimmer"] = int.Parse(payload, System.Globalization.CultureInfo.InvariantCulture);
                        power["POWER"] = "ON";
                        break;
                    default:
                        break;
                }
                (echoTopic, echo) = ($"stat/{t}/RESULT", power.ToJsonString());
            }
            else if (parts is ["fake", "desk", "set"])
            {
                (echoTopic, echo) = ("fake/desk/state", payload);
            }
            else if (parts is ["fake", "fan", "set"])
            {
                (echoTopic, echo) = ("fake/fan/state", payload);
            }
        }
        if (echoTopic is not null)
        {
            await PublishAsync(echoTopic, echo!);
        }
    }

    /// <summary>A recorded-style <c>bridge/devices</c>: the coordinator, a dimmable light, a plug, a thermostat, a sensor, a button.</summary>
    public const string Zigbee2MqttDevicesJson = """
        [
          {"ieee_address":"0x00124b0000000001","type":"Coordinator","network_address":0,"supported":true,"friendly_name":"Coordinator","disabled":false,
           "endpoints":{"1":{"bindings":[],"configured_reportings":[],"clusters":{"input":[],"output":[]}}},"interview_completed":true},
          {"ieee_address":"0x0017880100000001","type":"Router","network_address":1001,"supported":true,"friendly_name":"living lamp","disabled":false,
           "definition":{"model":"9290012573A","vendor":"Philips","description":"Hue white E27","exposes":[{"type":"light","features":[{"name":"state","property":"state"},{"name":"brightness","property":"brightness"}]}]},
           "endpoints":{"11":{"bindings":[],"configured_reportings":[],"clusters":{"input":["genBasic","genIdentify","genGroups","genScenes","genOnOff","genLevelCtrl"],"output":["genOta"]}}},
           "interview_completed":true},
          {"ieee_address":"0x0017880100000002","type":"Router","network_address":1002,"supported":true,"friendly_name":"plug","disabled":false,
           "definition":{"model":"E1603","vendor":"IKEA","description":"Control outlet","exposes":[{"type":"switch","features":[{"name":"state","property":"state"}]}]},
           "endpoints":{"1":{"bindings":[],"configured_reportings":[],"clusters":{"input":["genBasic","genOnOff"],"output":[]}}},"interview_completed":true},
          {"ieee_address":"0x0017880100000003","type":"EndDevice","network_address":1003,"supported":true,"friendly_name":"radiator","disabled":false,
           "definition":{"model":"SPZB0001","vendor":"Eurotronic","description":"Spirit Zigbee wireless heater thermostat","exposes":[{"type":"climate","features":[]}]},
           "endpoints":{"1":{"bindings":[],"configured_reportings":[],"clusters":{"input":["genBasic","genPowerCfg","hvacThermostat"],"output":[]}}},"interview_completed":true},
          {"ieee_address":"0x0017880100000004","type":"EndDevice","network_address":1004,"supported":true,"friendly_name":"hall sensor","disabled":false,
           "definition":{"model":"WSDCGQ11LM","vendor":"Aqara","description":"Temperature and humidity sensor","exposes":[{"type":"numeric","name":"temperature","property":"temperature"}]},
           "endpoints":{"1":{"bindings":[],"configured_reportings":[],"clusters":{"input":["genBasic","msTemperatureMeasurement","msRelativeHumidity"],"output":[]}}},"interview_completed":true},
          {"ieee_address":"0x0017880100000005","type":"EndDevice","network_address":1005,"supported":true,"friendly_name":"button","disabled":false,
           "definition":{"model":"WXKG01LM","vendor":"Aqara","description":"Wireless mini switch","exposes":[{"type":"enum","name":"action","property":"action"}]},
           "endpoints":{"1":{"bindings":[],"configured_reportings":[],"clusters":{"input":["genBasic"],"output":["genOnOff"]}}},"interview_completed":true}
        ]
        """;
}
