using System.Text.Json;
using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// Tasmota discovery: <c>&lt;prefix&gt;/&lt;MAC&gt;/config</c> (retained; an empty payload withdraws the device) and
/// <c>&lt;prefix&gt;/&lt;MAC&gt;/sensors</c>. A device whose first relay is a light with a dimmer (<c>rl</c> 2,
/// <c>lt_st</c> ≥ 1) is a dimmable light, a relay an on/off light; a temperature in its sensors adds the Temperature
/// cluster (a device with only a sensor is a temperature sensor). Its name is its first friendly name (<c>fn</c>), else
/// its device name (<c>dn</c>), else its topic.
/// </summary>
internal sealed class TasmotaSource(TasmotaOptions options) : IMqttDiscoverySource
{
    private readonly string _prefix = options.DiscoveryPrefix + "/";
    private readonly Dictionary<string, JsonElement> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _hasTemperature = new(StringComparer.Ordinal);

    public string Name => "tasmota";

    public IReadOnlyList<string> Subscriptions { get; } = [options.DiscoveryPrefix + "/+/config", options.DiscoveryPrefix + "/+/sensors"];

    public bool TryDiscover(MqttMessage message, out MqttDiscovery discovery)
    {
        ArgumentNullException.ThrowIfNull(message);
        discovery = null!;
        if (!message.Topic.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = message.Topic[_prefix.Length..].Split('/');
        if (rest.Length != 2 || rest[1] is not ("config" or "sensors"))
        {
            return false;
        }
        var key = _prefix + rest[0];
        if (rest[1] == "sensors")
        {
            if (message.Payload.Length == 0)
            {
                _hasTemperature.Remove(key);
            }
            else if (!MqttJson.TryParseObject(message.Payload, out var sensors, out var sensorError))
            {
                discovery = MqttDiscovery.Malformed(message.Topic, sensorError);
                return true;
            }
            else
            {
                _hasTemperature[key] = MqttJson.Element(sensors, "sn") is { ValueKind: JsonValueKind.Object } sn && TasmotaDevice.Temperature(sn) is not null;
            }
        }
        else if (message.Payload.Length == 0)
        {
            _configs.Remove(key);
        }
        else if (!MqttJson.TryParseObject(message.Payload, out var config, out var error))
        {
            discovery = MqttDiscovery.Malformed(message.Topic, error);
            return true;
        }
        else
        {
            _configs[key] = config;
        }
        discovery = Build(key);
        return true;
    }

    private MqttDiscovery Build(string key)
    {
        if (!_configs.TryGetValue(key, out var config))
        {
            return new MqttDiscovery(key, [], []);
        }
        var topic = MqttJson.Text(config, "t");
        if (string.IsNullOrEmpty(topic))
        {
            return MqttDiscovery.Malformed(key + "/config", "no topic (t)");
        }
        var name = FirstName(config) ?? MqttJson.Text(config, "dn") ?? topic;
        var relay = MqttJson.Element(config, "rl") is { ValueKind: JsonValueKind.Array } rl && rl.GetArrayLength() > 0 && rl[0].ValueKind == JsonValueKind.Number ? rl[0].GetInt32() : 0;
        var dimmer = relay == 2 && (MqttJson.Number(config, "lt_st") ?? 0) >= 1;
        var clusters = new List<int>();
        if (relay is 1 or 2)
        {
            clusters.Add(ClusterIds.OnOff);
        }
        if (dimmer)
        {
            clusters.Add(ClusterIds.Level);
        }
        if (_hasTemperature.GetValueOrDefault(key))
        {
            clusters.Add(ClusterIds.TemperatureMeasurement);
        }
        if (clusters.Count == 0)
        {
            // Its sensors may still be on their way (config and sensors are two messages): judge once both are known.
            return new MqttDiscovery(key, [], _hasTemperature.ContainsKey(key) ? [$"'{name}': no relay, light or temperature sensor"] : []);
        }
        var type = dimmer ? DeviceTypes.DimmableLight : relay is 1 or 2 ? DeviceTypes.OnOffLight : DeviceTypes.TemperatureSensor;
        var fullTopic = MqttJson.Text(config, "ft") ?? "%prefix%/%topic%/";
        var prefixes = MqttJson.Element(config, "tp") is { ValueKind: JsonValueKind.Array } tp && tp.GetArrayLength() >= 3
            ? [tp[0].GetString() ?? "cmnd", tp[1].GetString() ?? "stat", tp[2].GetString() ?? "tele"]
            : new[] { "cmnd", "stat", "tele" };
        string Full(string prefix) => fullTopic.Replace("%prefix%", prefix, StringComparison.Ordinal)
            .Replace("%topic%", topic, StringComparison.Ordinal)
            .Replace("%hostname%", MqttJson.Text(config, "hn") ?? topic, StringComparison.Ordinal)
            .Replace("%id%", (MqttJson.Text(config, "mac") ?? "") is { Length: >= 6 } mac ? mac[^6..] : "", StringComparison.Ordinal);
        var words = MqttJson.Element(config, "state") is { ValueKind: JsonValueKind.Array } st && st.GetArrayLength() >= 3
            ? [st[0].GetString() ?? "OFF", st[1].GetString() ?? "ON", st[2].GetString() ?? "TOGGLE"]
            : new[] { "OFF", "ON", "TOGGLE" };
        var device = new TasmotaDevice(name, type, clusters, Full(prefixes[0]), Full(prefixes[1]), Full(prefixes[2]),
            MqttJson.Text(config, "onln") ?? "Online", MqttJson.Text(config, "ofln") ?? "Offline", words);
        return new MqttDiscovery(key, [device], []);
    }

    private static string? FirstName(JsonElement config) =>
        MqttJson.Element(config, "fn") is { ValueKind: JsonValueKind.Array } fn && fn.GetArrayLength() > 0 && fn[0].ValueKind == JsonValueKind.String
            && fn[0].GetString() is { Length: > 0 } first ? first : null;
}
