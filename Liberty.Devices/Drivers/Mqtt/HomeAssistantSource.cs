using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery: retained <c>&lt;prefix&gt;/&lt;component&gt;/[&lt;node_id&gt;/]&lt;object_id&gt;/config</c>
/// for lights, switches, temperature sensors and climate devices; an empty payload withdraws the entity. Other components
/// and sensors of anything but temperature are not Liberty devices and are passed over silently; configs Liberty itself published (manufacturer
/// <see cref="HomeAssistantExporter.Manufacturer"/>) are never adopted back.
/// </summary>
internal sealed class HomeAssistantSource(HomeAssistantOptions options) : IMqttDiscoverySource
{
    private readonly string _prefix = options.DiscoveryPrefix + "/";

    public string Name => "homeassistant";

    public IReadOnlyList<string> Subscriptions { get; } = [options.DiscoveryPrefix + "/+/+/config", options.DiscoveryPrefix + "/+/+/+/config"];

    public bool TryDiscover(MqttMessage message, out MqttDiscovery discovery)
    {
        ArgumentNullException.ThrowIfNull(message);
        discovery = null!;
        if (!message.Topic.StartsWith(_prefix, StringComparison.Ordinal) || !message.Topic.EndsWith("/config", StringComparison.Ordinal))
        {
            return false;
        }
        var parts = message.Topic[_prefix.Length..].Split('/');
        if (parts.Length is not (3 or 4))
        {
            return false;
        }
        var key = message.Topic;
        var component = parts[0];
        if (component is not ("light" or "switch" or "sensor" or "climate") || message.Payload.Length == 0)
        {
            discovery = new MqttDiscovery(key, [], []);
            return true;
        }
        if (!MqttJson.TryParseObject(message.Payload, out var root, out var error))
        {
            discovery = MqttDiscovery.Malformed(key, error);
            return true;
        }
        var config = HomeAssistantConfig.Read(component, parts[^2], root);
        if (config.Manufacturer == HomeAssistantExporter.Manufacturer || (component == "sensor" && !config.IsTemperature))
        {
            discovery = new MqttDiscovery(key, [], []);
            return true;
        }
        var skip = Check(config);
        if (skip is not null)
        {
            discovery = new MqttDiscovery(key, [], [$"'{config.Name}' ({key}): {skip}"]);
            return true;
        }
        var (type, clusters) = component switch
        {
            "light" when config.Brightness => (DeviceTypes.DimmableLight, new[] { ClusterIds.OnOff, ClusterIds.Level }),
            "light" or "switch" => (DeviceTypes.OnOffLight, new[] { ClusterIds.OnOff }),
            "sensor" => (DeviceTypes.TemperatureSensor, new[] { ClusterIds.TemperatureMeasurement }),
            _ => (DeviceTypes.Thermostat, new[] { ClusterIds.Thermostat }),
        };
        discovery = new MqttDiscovery(key, [new HomeAssistantDevice(config, type, clusters)], []);
        return true;
    }

    private static string? Check(HomeAssistantConfig config)
    {
        foreach (var template in new[] { config.StateTemplate, config.BrightnessTemplate, config.CurrentTemperatureTemplate, config.TemperatureStateTemplate, config.ModeStateTemplate })
        {
            if (!HomeAssistantTemplate.IsSupported(template))
            {
                return $"its template '{template}' is not one Liberty can apply ({{{{ value }}}} or {{{{ value_json.x }}}})";
            }
        }
        return config.Component switch
        {
            "sensor" when config.StateTopic is null => "no state topic",
            "light" or "switch" when config.CommandTopic is null => "no command topic",
            "climate" when config.TemperatureStateTopic is null && config.CurrentTemperatureTopic is null => "no temperature topic",
            _ => null,
        };
    }
}
