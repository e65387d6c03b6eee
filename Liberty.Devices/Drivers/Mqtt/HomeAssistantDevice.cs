using System.Globalization;
using System.Text.Json.Nodes;
using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// A device described by Home Assistant MQTT discovery: a light (default or JSON schema, with brightness when it has a
/// brightness topic or flag), a switch, a temperature sensor or a climate device. Topics, payloads and value templates
/// come from its config (<see cref="HomeAssistantConfig"/>). Brightness 0..scale maps to level 0..255; temperatures in
/// °C (or °F when the config says so) to 0.01 °C; climate modes <c>off</c>, <c>auto</c>, <c>cool</c>, <c>heat</c>,
/// <c>dry</c>, <c>fan_only</c> to ZCL's SystemMode.
/// </summary>
internal sealed class HomeAssistantDevice : MqttDevice
{
    private static readonly string[] Modes = ["off", "auto", "", "cool", "heat", "", "", "fan_only", "dry"];

    private readonly HomeAssistantConfig _config;

    public HomeAssistantDevice(HomeAssistantConfig config, int deviceType, IReadOnlyList<int> clusters)
        : base("homeassistant", config.Name, deviceType, clusters)
    {
        _config = config;
        Topics = [.. new[] { config.StateTopic, config.BrightnessStateTopic, config.AvailabilityTopic, config.CurrentTemperatureTopic, config.TemperatureStateTopic, config.ModeStateTopic }
            .Where(static t => !string.IsNullOrEmpty(t)).Cast<string>().Distinct(StringComparer.Ordinal)];
    }

    public override IReadOnlyList<string> Topics { get; }

    public override IReadOnlyList<string> Subscriptions => Topics;

    public override void Decode(MqttMessage message, MqttUpdate update)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(update);
        var c = _config;
        var topic = message.Topic;
        if (topic == c.AvailabilityTopic)
        {
            update.Available = MqttJson.OnlineState(message.Payload, c.PayloadAvailable, c.PayloadNotAvailable);
            if (update.Available is null)
            {
                update.Error = $"expected '{c.PayloadAvailable}' or '{c.PayloadNotAvailable}'";
                return;
            }
        }
        if (topic == c.StateTopic && c.Component is "light" or "switch")
        {
            if (c.JsonSchema)
            {
                if (!MqttJson.TryParseObject(message.Payload, out var state, out var error))
                {
                    update.Error = error;
                    return;
                }
                OnOff(update, MqttJson.Text(state, "state"));
                if (MqttJson.Text(state, "state") != c.StateOff && MqttJson.Number(state, "brightness") is { } b)
                {
                    update.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, (long)LevelFrom(b, c.BrightnessScale));
                }
            }
            else if (!OnOff(update, Value(c.StateTemplate, message.Payload, update)) && update.Error is null)
            {
                update.Error = $"expected '{c.StateOn}' or '{c.StateOff}'";
                return;
            }
        }
        if (topic == c.BrightnessStateTopic && Number(c.BrightnessTemplate, message.Payload, update) is { } brightness)
        {
            update.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, (long)LevelFrom(brightness, c.BrightnessScale));
        }
        if (topic == c.StateTopic && c.Component == "sensor" && Number(c.StateTemplate, message.Payload, update) is { } measured)
        {
            update.Set(ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MeasuredValue, Centi(Celsius(measured)));
        }
        if (topic == c.CurrentTemperatureTopic && Number(c.CurrentTemperatureTemplate, message.Payload, update) is { } local)
        {
            update.Set(ClusterIds.Thermostat, AttributeIds.Thermostat.LocalTemperature, Centi(Celsius(local)));
        }
        if (topic == c.TemperatureStateTopic && Number(c.TemperatureStateTemplate, message.Payload, update) is { } setpoint)
        {
            update.Set(ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint, Centi(Celsius(setpoint)));
        }
        if (topic == c.ModeStateTopic && Value(c.ModeStateTemplate, message.Payload, update) is { } mode)
        {
            if (Array.IndexOf(Modes, mode) is var index and >= 0 && mode.Length > 0)
            {
                update.Set(ClusterIds.Thermostat, AttributeIds.Thermostat.SystemMode, (long)index);
            }
            else
            {
                update.Error = $"unknown climate mode '{mode}'";
            }
        }
    }

    public override CommandResult Encode(DeviceCommand command, AttributeTable state, List<MqttMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(messages);
        var c = _config;
        if (c.CommandTopic is null)
        {
            return CommandResult.Fail(CommandStatus.ReadOnly, $"Home Assistant device '{FriendlyName}' has no command topic.");
        }
        switch (command.Cluster)
        {
            case ClusterIds.OnOff when command.Command is CommandIds.OnOff.Off or CommandIds.OnOff.On or CommandIds.OnOff.Toggle:
                var on = command.Command == CommandIds.OnOff.Toggle ? !state.GetBoolean(ClusterIds.OnOff, AttributeIds.OnOff.State) : command.Command == CommandIds.OnOff.On;
                messages.Add(c.JsonSchema
                    ? new MqttMessage(c.CommandTopic, new JsonObject { ["state"] = on ? "ON" : "OFF" }.ToJsonString())
                    : new MqttMessage(c.CommandTopic, on ? c.PayloadOn : c.PayloadOff));
                return CommandResult.Success;
            case ClusterIds.Level:
                var target = TryLevelTarget(command, state, out var level, out var transition);
                if (target.IsFailure)
                {
                    return target;
                }
                var brightness = Math.Max(1, LevelTo(level, c.BrightnessScale));
                if (c.JsonSchema)
                {
                    var set = new JsonObject { ["state"] = level == 0 ? "OFF" : "ON" };
                    if (level > 0)
                    {
                        set["brightness"] = brightness;
                    }
                    if (transition > 0)
                    {
                        set["transition"] = transition / 10.0;
                    }
                    messages.Add(new MqttMessage(c.CommandTopic, set.ToJsonString()));
                }
                else if (level == 0)
                {
                    messages.Add(new MqttMessage(c.CommandTopic, c.PayloadOff));
                }
                else
                {
                    // Home Assistant's default (on_command_type "last"): the brightness, then on.
                    messages.Add(new MqttMessage(c.BrightnessCommandTopic!, brightness.ToString(CultureInfo.InvariantCulture)));
                    messages.Add(new MqttMessage(c.CommandTopic, c.PayloadOn));
                }
                return CommandResult.Success;
            default:
                return Unsupported(command);
        }
    }

    public override CommandResult EncodeWrite(AttributeWrite write, AttributeTable state, List<MqttMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(messages);
        var c = _config;
        if (write.Cluster != ClusterIds.Thermostat)
        {
            return base.EncodeWrite(write, state, messages);
        }
        foreach (var (attribute, value) in write.Values)
        {
            if (!value.TryGetInt64(out var number))
            {
                return BadArgument($"Thermostat attribute 0x{attribute:X4} must be an integer, not {value}.");
            }
            switch (attribute)
            {
                case AttributeIds.Thermostat.OccupiedHeatingSetpoint when c.TemperatureCommandTopic is { } topic:
                    var degrees = c.Fahrenheit ? (number / 100.0 * 9 / 5) + 32 : number / 100.0;
                    messages.Add(new MqttMessage(topic, MqttJson.Format(degrees)));
                    break;
                case AttributeIds.Thermostat.SystemMode when c.ModeCommandTopic is { } topic && number >= 0 && number < Modes.Length && Modes[number].Length > 0:
                    messages.Add(new MqttMessage(topic, Modes[number]));
                    break;
                default:
                    return CommandResult.Fail(CommandStatus.ReadOnly, $"Thermostat attribute 0x{attribute:X4} (value {number}) cannot be written to Home Assistant device '{FriendlyName}'.");
            }
        }
        return CommandResult.Success;
    }

    private bool OnOff(MqttUpdate update, string? text)
    {
        if (text is null)
        {
            return false;
        }
        var on = text == _config.StateOn ? true : text == _config.StateOff ? false : (bool?)null;
        if (on is not { } isOn)
        {
            return false;
        }
        update.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, isOn);
        if (!isOn && Clusters.Contains(ClusterIds.Level))
        {
            update.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, 0L);
        }
        return true;
    }

    private static string? Value(string? template, string payload, MqttUpdate update)
    {
        var value = HomeAssistantTemplate.Apply(template, payload, out var error);
        if (error is not null)
        {
            update.Error ??= error;
        }
        return value;
    }

    private static double? Number(string? template, string payload, MqttUpdate update)
    {
        var text = Value(template, payload, update);
        if (text is null)
        {
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        update.Error ??= $"expected a number, got '{text}'";
        return null;
    }

    private double Celsius(double value) => _config.Fahrenheit ? (value - 32) * 5 / 9 : value;
}
