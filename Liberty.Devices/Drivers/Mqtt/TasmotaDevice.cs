using System.Globalization;
using System.Text.Json;
using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// A Tasmota device (its first relay or light, and a temperature sensor if it has one): commands to
/// <c>cmnd/&lt;topic&gt;/POWER</c> (<c>ON</c>, <c>OFF</c>, <c>TOGGLE</c>) and <c>cmnd/&lt;topic&gt;/Dimmer</c> (0..100),
/// state on <c>stat/&lt;topic&gt;/RESULT</c>, <c>stat/&lt;topic&gt;/POWER</c> and <c>tele/&lt;topic&gt;/STATE</c>,
/// temperatures on <c>tele/&lt;topic&gt;/SENSOR</c> and <c>stat/&lt;topic&gt;/STATUS10</c>, the last will on <c>tele/&lt;topic&gt;/LWT</c>. Topics follow the
/// device's announced full topic (<c>%prefix%/%topic%/</c> by default). Dimmer 0..100 maps to level 0..255.
/// </summary>
internal sealed class TasmotaDevice : MqttDevice
{
    private readonly string _command;
    private readonly string _stat;
    private readonly string _tele;
    private readonly string _online;
    private readonly string _offline;
    private readonly string[] _powerWords;

    /// <summary>Creates the device from its announced topics.</summary>
    /// <param name="friendlyName">Its friendly name.</param>
    /// <param name="deviceType">Its type.</param>
    /// <param name="clusters">Its clusters.</param>
    /// <param name="commandPrefix">The full topic for commands, ending in '/' (<c>cmnd/kitchen/</c>).</param>
    /// <param name="statPrefix">The full topic for results (<c>stat/kitchen/</c>).</param>
    /// <param name="telePrefix">The full topic for telemetry (<c>tele/kitchen/</c>).</param>
    /// <param name="online">The last-will payload for online (<c>Online</c>).</param>
    /// <param name="offline">The last-will payload for offline (<c>Offline</c>).</param>
    /// <param name="powerWords">The words for off, on and toggle (<c>OFF</c>, <c>ON</c>, <c>TOGGLE</c>).</param>
    public TasmotaDevice(string friendlyName, int deviceType, IReadOnlyList<int> clusters, string commandPrefix, string statPrefix, string telePrefix,
        string online, string offline, string[] powerWords)
        : base("tasmota", friendlyName, deviceType, clusters)
    {
        ArgumentNullException.ThrowIfNull(powerWords);
        _command = commandPrefix;
        _stat = statPrefix;
        _tele = telePrefix;
        _online = online;
        _offline = offline;
        _powerWords = powerWords;
        Topics = [statPrefix + "RESULT", statPrefix + "POWER", statPrefix + "POWER1", statPrefix + "STATUS10", telePrefix + "STATE", telePrefix + "SENSOR", telePrefix + "LWT"];
    }

    public override IReadOnlyList<string> Topics { get; }

    public override IReadOnlyList<string> Subscriptions => Topics;

    public override IReadOnlyList<MqttMessage> ReadRequests => Clusters.Contains(ClusterIds.TemperatureMeasurement)
        ? [new MqttMessage(_command + "STATE", ""), new MqttMessage(_command + "STATUS", "10")]
        : [new MqttMessage(_command + "STATE", "")];

    public override void Decode(MqttMessage message, MqttUpdate update)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(update);
        var topic = message.Topic;
        if (topic == _tele + "LWT")
        {
            update.Available = string.Equals(message.Payload, _online, StringComparison.OrdinalIgnoreCase) ? true
                : string.Equals(message.Payload, _offline, StringComparison.OrdinalIgnoreCase) ? false : null;
            if (update.Available is null)
            {
                update.Error = $"expected '{_online}' or '{_offline}'";
            }
            return;
        }
        if (topic == _stat + "POWER" || topic == _stat + "POWER1")
        {
            if (Power(message.Payload) is { } on)
            {
                update.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, on);
            }
            else
            {
                update.Error = $"expected {_powerWords[1]} or {_powerWords[0]}";
            }
            return;
        }
        if (!MqttJson.TryParseObject(message.Payload, out var state, out var error))
        {
            update.Error = error;
            return;
        }
        var power = MqttJson.Text(state, "POWER", "POWER1") is { } p ? Power(p) : null;
        if (power is { } isOn)
        {
            update.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, isOn);
        }
        if (power is false && Clusters.Contains(ClusterIds.Level))
        {
            update.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, 0L);
        }
        else if (MqttJson.Number(state, "Dimmer") is { } dimmer)
        {
            update.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, (long)LevelFrom(dimmer, 100));
        }
        // Telemetry every TelePeriod, or the answer to STATUS 10 (sent at start and on a query).
        var sensors = topic == _stat + "STATUS10" && MqttJson.Element(state, "StatusSNS") is { ValueKind: JsonValueKind.Object } sns ? sns
            : topic == _tele + "SENSOR" ? state : (JsonElement?)null;
        if (sensors is { } sensor && Temperature(sensor) is { } celsius)
        {
            update.Set(ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MeasuredValue, Centi(celsius));
        }
    }

    public override CommandResult Encode(DeviceCommand command, AttributeTable state, List<MqttMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(messages);
        switch (command.Cluster)
        {
            case ClusterIds.OnOff when command.Command is CommandIds.OnOff.Off or CommandIds.OnOff.On or CommandIds.OnOff.Toggle:
                messages.Add(new MqttMessage(_command + "POWER", _powerWords[command.Command]));
                return CommandResult.Success;
            case ClusterIds.Level:
                var target = TryLevelTarget(command, state, out var level, out _);
                if (target.IsFailure)
                {
                    return target;
                }
                messages.Add(level == 0
                    ? new MqttMessage(_command + "POWER", _powerWords[0])
                    : new MqttMessage(_command + "Dimmer", Math.Max(1, LevelTo(level, 100)).ToString(CultureInfo.InvariantCulture)));
                return CommandResult.Success;
            default:
                return Unsupported(command);
        }
    }

    private bool? Power(string text) =>
        string.Equals(text, _powerWords[1], StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(text, _powerWords[0], StringComparison.OrdinalIgnoreCase) ? false
        : null;

    /// <summary>The first sensor's Temperature in °C (converted when the device reports °F).</summary>
    internal static double? Temperature(JsonElement sensor)
    {
        var fahrenheit = MqttJson.Text(sensor, "TempUnit") == "F";
        foreach (var property in sensor.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && MqttJson.Number(property.Value, "Temperature") is { } t)
            {
                return fahrenheit ? (t - 32) * 5 / 9 : t;
            }
        }
        return null;
    }
}
