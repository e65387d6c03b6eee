using System.Text.Json;
using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// Zigbee2MQTT discovery: the retained <c>&lt;base&gt;/bridge/devices</c> list. Each device's clusters come from its
/// endpoints' input cluster names (<c>genOnOff</c>, <c>genLevelCtrl</c>, <c>msTemperatureMeasurement</c>,
/// <c>hvacThermostat</c>) and from what its definition exposes (<c>light</c> with brightness, <c>switch</c>,
/// <c>climate</c>, a <c>temperature</c> value), since some devices expose through manufacturer clusters. The coordinator,
/// disabled devices and devices with no cluster Liberty knows are skipped.
/// </summary>
internal sealed class Zigbee2MqttSource(Zigbee2MqttOptions options) : IMqttDiscoverySource
{
    private readonly string _devicesTopic = options.BaseTopic + "/bridge/devices";

    public string Name => "zigbee2mqtt";

    public IReadOnlyList<string> Subscriptions { get; } = [options.BaseTopic + "/#"];

    public bool TryDiscover(MqttMessage message, out MqttDiscovery discovery)
    {
        ArgumentNullException.ThrowIfNull(message);
        discovery = null!;
        if (message.Topic != _devicesTopic)
        {
            return false;
        }
        if (!MqttJson.TryParse(message.Payload, JsonValueKind.Array, out var list, out var error))
        {
            discovery = MqttDiscovery.Malformed(_devicesTopic, error);
            return true;
        }
        var devices = new List<MqttDevice>();
        var skipped = new List<string>();
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var at = $"{_devicesTopic}[{index++}]";
            var name = MqttJson.Text(entry, "friendly_name");
            if (string.IsNullOrWhiteSpace(name))
            {
                skipped.Add($"{at}: no friendly_name");
                continue;
            }
            if (MqttJson.Text(entry, "type") == "Coordinator" || MqttJson.Text(entry, "disabled") == "true")
            {
                continue;
            }
            var clusters = new SortedSet<int>();
            if (MqttJson.Element(entry, "endpoints") is { ValueKind: JsonValueKind.Object } endpoints)
            {
                foreach (var endpoint in endpoints.EnumerateObject())
                {
                    if (MqttJson.Element(endpoint.Value, "clusters") is { } c && MqttJson.Element(c, "input") is { ValueKind: JsonValueKind.Array } input)
                    {
                        foreach (var cluster in input.EnumerateArray())
                        {
                            AddCluster(clusters, cluster.GetString());
                        }
                    }
                }
            }
            if (MqttJson.Element(entry, "definition") is { ValueKind: JsonValueKind.Object } definition
                && MqttJson.Element(definition, "exposes") is { ValueKind: JsonValueKind.Array } exposes)
            {
                foreach (var expose in exposes.EnumerateArray())
                {
                    AddExpose(clusters, expose);
                }
            }
            if (clusters.Count == 0)
            {
                skipped.Add($"'{name}': none of its clusters is one Liberty knows (On/Off, Level, Temperature, Thermostat)");
                continue;
            }
            devices.Add(new Zigbee2MqttDevice(options.BaseTopic, name, TypeOf(clusters), [.. clusters]));
        }
        discovery = new MqttDiscovery(_devicesTopic, devices, skipped);
        return true;
    }

    /// <summary>The device type apps' schemas select, from the clusters.</summary>
    internal static int TypeOf(ICollection<int> clusters) =>
        clusters.Contains(ClusterIds.Thermostat) ? DeviceTypes.Thermostat
        : clusters.Contains(ClusterIds.Level) ? DeviceTypes.DimmableLight
        : clusters.Contains(ClusterIds.OnOff) ? DeviceTypes.OnOffLight
        : DeviceTypes.TemperatureSensor;

    private static void AddCluster(SortedSet<int> clusters, string? name)
    {
        switch (name)
        {
            case "genOnOff":
                clusters.Add(ClusterIds.OnOff);
                break;
            case "genLevelCtrl":
                clusters.Add(ClusterIds.Level);
                break;
            case "msTemperatureMeasurement":
                clusters.Add(ClusterIds.TemperatureMeasurement);
                break;
            case "hvacThermostat":
                clusters.Add(ClusterIds.Thermostat);
                break;
            default:
                break;
        }
    }

    private static void AddExpose(SortedSet<int> clusters, JsonElement expose)
    {
        var type = MqttJson.Text(expose, "type");
        var features = MqttJson.Element(expose, "features") is { ValueKind: JsonValueKind.Array } f ? f : default;
        switch (type)
        {
            case "light" or "switch":
                clusters.Add(ClusterIds.OnOff);
                if (features.ValueKind == JsonValueKind.Array && features.EnumerateArray().Any(static x => MqttJson.Text(x, "property") == "brightness"))
                {
                    clusters.Add(ClusterIds.Level);
                }
                break;
            case "climate":
                clusters.Add(ClusterIds.Thermostat);
                break;
            case "numeric" when MqttJson.Text(expose, "property") == "temperature":
                clusters.Add(ClusterIds.TemperatureMeasurement);
                break;
            default:
                break;
        }
    }
}
