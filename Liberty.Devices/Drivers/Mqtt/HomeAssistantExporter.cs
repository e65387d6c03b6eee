using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Model;
using Microsoft.Extensions.Logging;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// Publishes this node's own devices (simulated, virtual, sysfs; not the MQTT ones it adopted) for Home Assistant:
/// a retained discovery config per device under <c>&lt;prefix&gt;/&lt;component&gt;/liberty_&lt;node&gt;/&lt;device&gt;/config</c>
/// (a dimmable light, an on/off light, a temperature sensor or a climate device), its state as JSON on
/// <c>&lt;topic prefix&gt;/&lt;node&gt;/&lt;device&gt;/state</c> (retained, on every report), its availability on
/// <c>.../availability</c>, and commands from <c>.../set</c>, <c>.../set/temperature</c> and <c>.../set/mode</c> sent
/// to the device actor (source 2, manual remote). Everything is republished after each connect and when
/// <c>&lt;prefix&gt;/status</c> says <c>online</c>; devices created later are found every
/// <see cref="HomeAssistantOptions.RescanInterval"/>, removed ones withdrawn.
/// </summary>
internal sealed class HomeAssistantExporter : ReceiveActor, IWithTimers
{
    /// <summary>The manufacturer of published devices: what tells Liberty not to adopt them back.</summary>
    public const string Manufacturer = "Liberty Cluster";

    private static readonly string[] Modes = ["off", "auto", "", "cool", "heat", "", "", "fan_only", "dry"];

    private readonly string _node;
    private readonly HomeAssistantOptions _options;
    private readonly IMqttPublisher _publisher;
    private readonly DeviceDirectory _directory;
    private readonly DeviceEventBus _bus;
    private readonly ILogger _logger;
    private readonly string _topics;
    private readonly Dictionary<string, Exported> _byObject = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Exported> _byId = [];

    public HomeAssistantExporter(string node, HomeAssistantOptions options, IMqttPublisher publisher, DeviceDirectory directory, DeviceEventBus bus, ILogger logger)
    {
        _node = node;
        _options = options;
        _publisher = publisher;
        _directory = directory;
        _bus = bus;
        _logger = logger;
        _topics = $"{options.TopicPrefix}/{node}/";
        Receive<Rescan>(_ => Scan(republish: false));
        Receive<MqttConnectionChanged>(change =>
        {
            if (change.Connected)
            {
                Scan(republish: true);
            }
        });
        Receive<DeviceEvent>(e =>
        {
            // The event itself, not the directory: the device actor publishes before it refreshes its snapshot.
            if (_byId.TryGetValue(e.Id, out var exported) && e.Attributes is { } attributes)
            {
                foreach (var (attribute, value) in attributes)
                {
                    exported.State[new AttributeKey(e.Cluster, attribute)] = value;
                }
                exported.Ok = e.Ok;
                PublishState(exported);
            }
        });
        Receive<MqttMessage>(OnMessage);
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The recipe for the exporter.</summary>
    public static Props Props(string node, HomeAssistantOptions options, IMqttPublisher publisher, DeviceDirectory directory, DeviceEventBus bus, ILogger logger) =>
        Akka.Actor.Props.Create(() => new HomeAssistantExporter(node, options, publisher, directory, bus, logger));

    /// <summary>The topic filters the exporter needs (Home Assistant's status, the command topics).</summary>
    public static IReadOnlyList<string> SubscriptionsFor(string node, HomeAssistantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [options.DiscoveryPrefix + "/status", $"{options.TopicPrefix}/{node}/+/set", $"{options.TopicPrefix}/{node}/+/set/+"];
    }

    /// <summary>Whether a topic is one the exporter handles.</summary>
    public static bool IsExporterTopic(string node, HomeAssistantOptions options, string topic)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topic);
        return topic == options.DiscoveryPrefix + "/status" || (topic.StartsWith($"{options.TopicPrefix}/{node}/", StringComparison.Ordinal) && topic.Contains("/set", StringComparison.Ordinal));
    }

    /// <summary>The object id of a device in topics: its local name with everything but letters, digits, '_' and '-' as '_'.</summary>
    public static string ObjectId(string localName)
    {
        ArgumentNullException.ThrowIfNull(localName);
        var builder = new StringBuilder(localName.Length);
        foreach (var c in localName)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }
        return builder.ToString();
    }

    /// <inheritdoc />
    protected override void PreStart() => Timers.StartPeriodicTimer("rescan", Rescan.Instance, _options.RescanInterval);

    private void Scan(bool republish)
    {
        var present = new HashSet<long>();
        var added = 0;
        foreach (var entry in _directory.Local)
        {
            if (entry.Info.Driver.StartsWith("mqtt/", StringComparison.Ordinal) || Component(entry.Info) is not { } component)
            {
                continue;
            }
            present.Add(entry.Info.Id.Value);
            if (_byId.TryGetValue(entry.Info.Id.Value, out var known))
            {
                if (republish)
                {
                    Publish(known);
                }
                continue;
            }
            var objectId = ObjectId(entry.Info.Id.LocalName);
            if (_byObject.ContainsKey(objectId))
            {
                continue;
            }
            var exported = new Exported(entry.Info, objectId, component, $"{_options.DiscoveryPrefix}/{component}/liberty_{ObjectId(_node)}/{objectId}/config", _topics + objectId);
            _byObject[objectId] = exported;
            _byId[entry.Info.Id.Value] = exported;
            _bus.Subscribe(entry.Info.Id.Value, new ActorDeviceEventSink(Self));
            Publish(exported);
            added++;
        }
        foreach (var gone in _byId.Values.Where(e => !present.Contains(e.Info.Id.Value)).ToList())
        {
            _byId.Remove(gone.Info.Id.Value);
            _byObject.Remove(gone.ObjectId);
            _bus.Unsubscribe(gone.Info.Id.Value, new ActorDeviceEventSink(Self));
            _publisher.TryPublish(new MqttMessage(gone.ConfigTopic, "", Retain: true));
        }
        if (added > 0 || (republish && _byId.Count > 0))
        {
            MqttLog.Exported(_logger, _byId.Count, _options.DiscoveryPrefix);
        }
    }

    private void Publish(Exported exported)
    {
        if (_directory.TryGet(exported.Info.Id.Value, out var entry))
        {
            var snapshot = entry.Snapshot;
            exported.Ok = snapshot.Ok;
            foreach (var reading in snapshot.Attributes)
            {
                exported.State[new AttributeKey(reading.Cluster, reading.Attribute)] = reading.Value;
            }
        }
        _publisher.TryPublish(new MqttMessage(exported.ConfigTopic, Config(exported).ToJsonString(), Retain: true));
        PublishState(exported);
    }

    private JsonObject Config(Exported exported)
    {
        var info = exported.Info;
        var unique = $"liberty_{ObjectId(_node)}_{exported.ObjectId}";
        var config = new JsonObject
        {
            ["name"] = info.Id.LocalName,
            ["uniq_id"] = unique,
            ["avty_t"] = exported.Base + "/availability",
            ["dev"] = new JsonObject
            {
                ["ids"] = new JsonArray(unique),
                ["name"] = info.Id.Name,
                ["mf"] = Manufacturer,
                ["mdl"] = info.Driver,
            },
        };
        var state = exported.Base + "/state";
        switch (exported.Component)
        {
            case "climate":
                config["curr_temp_t"] = state;
                config["curr_temp_tpl"] = "{{ value_json.current_temperature }}";
                config["temp_stat_t"] = state;
                config["temp_stat_tpl"] = "{{ value_json.target_temperature }}";
                config["temp_cmd_t"] = exported.Base + "/set/temperature";
                config["mode_stat_t"] = state;
                config["mode_stat_tpl"] = "{{ value_json.mode }}";
                config["mode_cmd_t"] = exported.Base + "/set/mode";
                config["modes"] = new JsonArray("off", "auto", "cool", "heat");
                config["temp_unit"] = "C";
                break;
            case "sensor":
                config["stat_t"] = state;
                config["val_tpl"] = "{{ value_json.temperature }}";
                config["dev_cla"] = "temperature";
                config["unit_of_meas"] = "°C";
                break;
            default:
                config["schema"] = "json";
                config["stat_t"] = state;
                config["cmd_t"] = exported.Base + "/set";
                if (info.SupportsCluster(ClusterIds.Level))
                {
                    config["brightness"] = true;
                    config["bri_scl"] = 255;
                    config["supported_color_modes"] = new JsonArray("brightness");
                }
                break;
        }
        return config;
    }

    private void PublishState(Exported exported)
    {
        var values = exported.State;
        var state = new JsonObject();
        if (values.TryGetValue(new AttributeKey(ClusterIds.OnOff, AttributeIds.OnOff.State), out var on) && on.TryGetBoolean(out var isOn))
        {
            state["state"] = isOn ? "ON" : "OFF";
        }
        if (values.TryGetValue(new AttributeKey(ClusterIds.Level, AttributeIds.Level.CurrentLevel), out var level) && level.TryGetInt64(out var l))
        {
            state["brightness"] = l;
            state["state"] ??= l > 0 ? "ON" : "OFF";
        }
        Degrees(state, "temperature", values, ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MeasuredValue);
        Degrees(state, "current_temperature", values, ClusterIds.Thermostat, AttributeIds.Thermostat.LocalTemperature);
        Degrees(state, "target_temperature", values, ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint);
        if (values.TryGetValue(new AttributeKey(ClusterIds.Thermostat, AttributeIds.Thermostat.SystemMode), out var mode) && mode.TryGetInt64(out var m) && m >= 0 && m < Modes.Length)
        {
            state["mode"] = Modes[m];
        }
        _publisher.TryPublish(new MqttMessage(exported.Base + "/state", state.ToJsonString(), Retain: true));
        _publisher.TryPublish(new MqttMessage(exported.Base + "/availability", exported.Ok ? "online" : "offline", Retain: true));
    }

    private void OnMessage(MqttMessage message)
    {
        if (message.Topic == _options.DiscoveryPrefix + "/status")
        {
            if (MqttJson.OnlineState(message.Payload) is true)
            {
                Scan(republish: true);
            }
            return;
        }
        var rest = message.Topic[_topics.Length..].Split('/');
        if (rest.Length < 2 || !_byObject.TryGetValue(rest[0], out var exported) || !_directory.TryGet(exported.Info.Id.Value, out var entry))
        {
            return;
        }
        var what = rest.Length == 3 ? rest[2] : "";
        object? command = what switch
        {
            "temperature" when double.TryParse(message.Payload, NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees) =>
                new WriteDeviceAttributes(new AttributeWrite(ClusterIds.Thermostat, new Dictionary<int, AttributeValue> { [AttributeIds.Thermostat.OccupiedHeatingSetpoint] = (long)Math.Round(degrees * 100) }, EventSource.ManualRemote), ReplyWithResult: false),
            "mode" when Array.IndexOf(Modes, message.Payload) is var index and >= 0 && message.Payload.Length > 0 =>
                new WriteDeviceAttributes(new AttributeWrite(ClusterIds.Thermostat, new Dictionary<int, AttributeValue> { [AttributeIds.Thermostat.SystemMode] = (long)index }, EventSource.ManualRemote), ReplyWithResult: false),
            "" => SetCommand(exported.Info, message.Payload),
            _ => null,
        };
        if (command is null)
        {
            MqttLog.ExportCommandRefused(_logger, message.Topic, $"cannot read '{(message.Payload.Length > 80 ? message.Payload[..80] + "..." : message.Payload)}'");
            return;
        }
        entry.Actor.Tell(command, ActorRefs.NoSender);
    }

    // {"state":"ON","brightness":128} (the JSON schema), or a plain ON / OFF.
    private static SendDeviceCommand? SetCommand(DeviceInfo info, string payload)
    {
        string? state;
        double? brightness = null;
        if (payload.TrimStart().StartsWith('{'))
        {
            if (!MqttJson.TryParseObject(payload, out var root, out _))
            {
                return null;
            }
            state = MqttJson.Text(root, "state");
            brightness = MqttJson.Number(root, "brightness");
        }
        else
        {
            state = payload.Trim();
        }
        DeviceCommand? command = null;
        if (brightness is { } b && info.SupportsCluster(ClusterIds.Level) && state is not "OFF")
        {
            command = new DeviceCommand(ClusterIds.Level, CommandIds.Level.MoveToLevelWithOnOff, [(long)Math.Clamp(Math.Round(b), 0, 255), 0L], EventSource.ManualRemote);
        }
        else if (state is "ON" or "OFF" && info.SupportsCluster(ClusterIds.OnOff))
        {
            command = new DeviceCommand(ClusterIds.OnOff, state == "ON" ? CommandIds.OnOff.On : CommandIds.OnOff.Off, [], EventSource.ManualRemote);
        }
        return command is null ? null : new SendDeviceCommand(command, ReplyWithResult: false);
    }

    private static void Degrees(JsonObject state, string name, Dictionary<AttributeKey, AttributeValue> values, int cluster, int attribute)
    {
        if (values.TryGetValue(new AttributeKey(cluster, attribute), out var value) && value.TryGetInt64(out var centi))
        {
            state[name] = centi / 100.0;
        }
    }

    private static string? Component(DeviceInfo info) =>
        info.SupportsCluster(ClusterIds.Thermostat) ? "climate"
        : info.SupportsCluster(ClusterIds.TemperatureMeasurement) ? "sensor"
        : info.DeviceType == DeviceTypes.OnOffSwitch ? null
        : info.SupportsCluster(ClusterIds.OnOff) || info.SupportsCluster(ClusterIds.Level) ? "light"
        : null;

    private sealed record Exported(DeviceInfo Info, string ObjectId, string Component, string ConfigTopic, string Base)
    {
        /// <summary>The device's attributes as last reported (the snapshot at publishing, then each event).</summary>
        public Dictionary<AttributeKey, AttributeValue> State { get; } = [];

        public bool Ok { get; set; }
    }

    private sealed record Rescan
    {
        public static Rescan Instance { get; } = new();
    }
}
