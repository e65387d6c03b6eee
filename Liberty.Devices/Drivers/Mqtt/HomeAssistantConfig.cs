using System.Text.Json;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// What Liberty reads from one Home Assistant discovery config, with the abbreviations (<c>stat_t</c>, <c>cmd_t</c>, ...)
/// and the <c>~</c> base topic resolved, and Home Assistant's defaults filled in.
/// </summary>
internal sealed record HomeAssistantConfig
{
    /// <summary>The component: <c>light</c>, <c>switch</c>, <c>sensor</c> or <c>climate</c>.</summary>
    public required string Component { get; init; }

    /// <summary>The entity's name (its own, else its device's, else the object id).</summary>
    public required string Name { get; init; }

    public bool JsonSchema { get; init; }

    public string? StateTopic { get; init; }

    public string? StateTemplate { get; init; }

    public string? CommandTopic { get; init; }

    public string PayloadOn { get; init; } = "ON";

    public string PayloadOff { get; init; } = "OFF";

    public string StateOn { get; init; } = "ON";

    public string StateOff { get; init; } = "OFF";

    public string? BrightnessStateTopic { get; init; }

    public string? BrightnessCommandTopic { get; init; }

    public string? BrightnessTemplate { get; init; }

    public double BrightnessScale { get; init; } = 255;

    public bool Brightness { get; init; }

    public string? AvailabilityTopic { get; init; }

    public string PayloadAvailable { get; init; } = "online";

    public string PayloadNotAvailable { get; init; } = "offline";

    public string? CurrentTemperatureTopic { get; init; }

    public string? CurrentTemperatureTemplate { get; init; }

    public string? TemperatureStateTopic { get; init; }

    public string? TemperatureStateTemplate { get; init; }

    public string? TemperatureCommandTopic { get; init; }

    public string? ModeStateTopic { get; init; }

    public string? ModeStateTemplate { get; init; }

    public string? ModeCommandTopic { get; init; }

    /// <summary>Temperatures are in °F (<c>unit_of_measurement</c> or <c>temperature_unit</c> says so).</summary>
    public bool Fahrenheit { get; init; }

    /// <summary>For sensors: whether it measures temperature (<c>device_class</c> or a °C/°F unit).</summary>
    public bool IsTemperature { get; init; }

    /// <summary>The device's manufacturer (<c>dev.mf</c>), to recognise Liberty's own published devices.</summary>
    public string? Manufacturer { get; init; }

    /// <summary>Reads a config.</summary>
    /// <param name="component">The component from the topic.</param>
    /// <param name="objectId">The object id from the topic (the name of last resort).</param>
    /// <param name="root">The config object.</param>
    /// <returns>The config.</returns>
    public static HomeAssistantConfig Read(string component, string objectId, JsonElement root)
    {
        var baseTopic = MqttJson.Text(root, "~");
        string? Topic(params ReadOnlySpan<string> names)
        {
            var topic = MqttJson.Text(root, names);
            if (topic is null || baseTopic is null)
            {
                return topic;
            }
            return topic.StartsWith('~') ? baseTopic + topic[1..] : topic.EndsWith('~') ? topic[..^1] + baseTopic : topic;
        }
        var device = MqttJson.Element(root, "device", "dev");
        var name = MqttJson.Text(root, "name") ?? (device is { } d ? MqttJson.Text(d, "name") : null) ?? objectId;
        var unit = MqttJson.Text(root, "unit_of_measurement", "unit_of_meas", "temperature_unit", "temp_unit");
        var availabilityTopic = Topic("availability_topic", "avty_t");
        string? available = null, notAvailable = null;
        if (availabilityTopic is null && MqttJson.Element(root, "availability", "avty") is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0)
        {
            var first = list[0];
            var topic = MqttJson.Text(first, "topic", "t");
            availabilityTopic = topic is not null && baseTopic is not null && topic.StartsWith('~') ? baseTopic + topic[1..] : topic;
            available = MqttJson.Text(first, "payload_available", "pl_avail");
            notAvailable = MqttJson.Text(first, "payload_not_available", "pl_not_avail");
        }
        var payloadOn = MqttJson.Text(root, "payload_on", "pl_on") ?? "ON";
        var payloadOff = MqttJson.Text(root, "payload_off", "pl_off") ?? "OFF";
        var brightnessCommand = Topic("brightness_command_topic", "bri_cmd_t");
        return new HomeAssistantConfig
        {
            Component = component,
            Name = name,
            JsonSchema = MqttJson.Text(root, "schema") == "json",
            StateTopic = Topic("state_topic", "stat_t"),
            StateTemplate = MqttJson.Text(root, "state_value_template", "stat_val_tpl") ?? MqttJson.Text(root, "value_template", "val_tpl"),
            CommandTopic = Topic("command_topic", "cmd_t"),
            PayloadOn = payloadOn,
            PayloadOff = payloadOff,
            StateOn = MqttJson.Text(root, "state_on", "stat_on") ?? payloadOn,
            StateOff = MqttJson.Text(root, "state_off", "stat_off") ?? payloadOff,
            BrightnessStateTopic = Topic("brightness_state_topic", "bri_stat_t"),
            BrightnessCommandTopic = brightnessCommand,
            BrightnessTemplate = MqttJson.Text(root, "brightness_value_template", "bri_val_tpl"),
            BrightnessScale = MqttJson.Number(root, "brightness_scale", "bri_scl") is { } scale and > 0 ? scale : 255,
            Brightness = brightnessCommand is not null || MqttJson.Text(root, "brightness", "brightness") == "true"
                || (MqttJson.Element(root, "supported_color_modes", "sup_clrm") is { ValueKind: JsonValueKind.Array } modes
                    && modes.EnumerateArray().Any(static m => m.GetString() is "brightness" or "color_temp" or "hs" or "rgb" or "rgbw" or "rgbww" or "xy" or "white")),
            AvailabilityTopic = availabilityTopic,
            PayloadAvailable = MqttJson.Text(root, "payload_available", "pl_avail") ?? available ?? "online",
            PayloadNotAvailable = MqttJson.Text(root, "payload_not_available", "pl_not_avail") ?? notAvailable ?? "offline",
            CurrentTemperatureTopic = Topic("current_temperature_topic", "curr_temp_t"),
            CurrentTemperatureTemplate = MqttJson.Text(root, "current_temperature_template", "curr_temp_tpl"),
            TemperatureStateTopic = Topic("temperature_state_topic", "temp_stat_t"),
            TemperatureStateTemplate = MqttJson.Text(root, "temperature_state_template", "temp_stat_tpl"),
            TemperatureCommandTopic = Topic("temperature_command_topic", "temp_cmd_t"),
            ModeStateTopic = Topic("mode_state_topic", "mode_stat_t"),
            ModeStateTemplate = MqttJson.Text(root, "mode_state_template", "mode_stat_tpl"),
            ModeCommandTopic = Topic("mode_command_topic", "mode_cmd_t"),
            Fahrenheit = unit is "°F" or "F",
            IsTemperature = MqttJson.Text(root, "device_class", "dev_cla") == "temperature" || unit is "°C" or "°F" or "C" or "F",
            Manufacturer = device is { } dev ? MqttJson.Text(dev, "manufacturer", "mf") : null,
        };
    }
}
