using System.Text.Json.Nodes;
using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// A Zigbee2MQTT device: JSON state on <c>&lt;base&gt;/&lt;friendly_name&gt;</c>, commands to <c>.../set</c>, reads to
/// <c>.../get</c>, availability on <c>.../availability</c> and the bridge's on <c>&lt;base&gt;/bridge/state</c> (both as
/// <c>{"state":"online"}</c> or the older plain <c>online</c>). Brightness 0..254 maps to Liberty's level 0..255; the
/// level of a light that is off is 0 (Liberty's on = level &gt; 0); temperatures in °C map to 0.01 °C.
/// </summary>
internal sealed class Zigbee2MqttDevice : MqttDevice
{
    private static readonly string[] SystemModes = ["off", "auto", "", "cool", "heat", "emergency_heating", "precooling", "fan_only", "dry", "sleep"];

    private readonly string _stateTopic;
    private readonly string _bridgeStateTopic;

    public Zigbee2MqttDevice(string baseTopic, string friendlyName, int deviceType, IReadOnlyList<int> clusters)
        : base("zigbee2mqtt", friendlyName, deviceType, clusters)
    {
        _stateTopic = baseTopic + "/" + friendlyName;
        _bridgeStateTopic = baseTopic + "/bridge/state";
        Topics = [_stateTopic, _stateTopic + "/availability", _bridgeStateTopic];
    }

    public override IReadOnlyList<string> Topics { get; }

    public override IReadOnlyList<MqttMessage> ReadRequests
    {
        get
        {
            var get = new JsonObject();
            if (Clusters.Contains(ClusterIds.OnOff))
            {
                get["state"] = "";
            }
            if (Clusters.Contains(ClusterIds.Thermostat))
            {
                get["occupied_heating_setpoint"] = "";
                get["local_temperature"] = "";
            }
            return get.Count == 0 ? [] : [new MqttMessage(_stateTopic + "/get", get.ToJsonString())];
        }
    }

    public override void Decode(MqttMessage message, MqttUpdate update)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(update);
        if (message.Topic == _bridgeStateTopic || message.Topic == _stateTopic + "/availability")
        {
            var online = MqttJson.OnlineState(message.Payload);
            if (online is null)
            {
                update.Error = $"expected online or offline (plain or as {{\"state\":...}}), got '{Shorten(message.Payload)}'";
            }
            else if (message.Topic == _bridgeStateTopic)
            {
                update.BridgeAvailable = online;
            }
            else
            {
                update.Available = online;
            }
            return;
        }
        if (!MqttJson.TryParseObject(message.Payload, out var state, out var error))
        {
            update.Error = error;
            return;
        }
        var on = MqttJson.Text(state, "state") is { } s ? string.Equals(s, "ON", StringComparison.OrdinalIgnoreCase) : (bool?)null;
        if (on is { } isOn)
        {
            update.Set(ClusterIds.OnOff, AttributeIds.OnOff.State, isOn);
        }
        var brightness = MqttJson.Number(state, "brightness");
        if (on is false)
        {
            update.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, 0L);
        }
        else if (brightness is { } b)
        {
            update.Set(ClusterIds.Level, AttributeIds.Level.CurrentLevel, (long)LevelFrom(b, 254));
        }
        if (MqttJson.Number(state, "temperature") is { } temperature)
        {
            update.Set(ClusterIds.TemperatureMeasurement, AttributeIds.TemperatureMeasurement.MeasuredValue, Centi(temperature));
        }
        if (MqttJson.Number(state, "local_temperature") is { } local)
        {
            update.Set(ClusterIds.Thermostat, AttributeIds.Thermostat.LocalTemperature, Centi(local));
        }
        if (MqttJson.Number(state, "occupied_heating_setpoint", "current_heating_setpoint") is { } heat)
        {
            update.Set(ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint, Centi(heat));
        }
        if (MqttJson.Number(state, "occupied_cooling_setpoint") is { } cool)
        {
            update.Set(ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedCoolingSetpoint, Centi(cool));
        }
        if (MqttJson.Text(state, "system_mode") is { } mode && Array.IndexOf(SystemModes, mode.ToLowerInvariant()) is var index and >= 0)
        {
            update.Set(ClusterIds.Thermostat, AttributeIds.Thermostat.SystemMode, (long)index);
        }
    }

    public override CommandResult Encode(DeviceCommand command, AttributeTable state, List<MqttMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(messages);
        var set = new JsonObject();
        switch (command.Cluster)
        {
            case ClusterIds.OnOff:
                switch (command.Command)
                {
                    case CommandIds.OnOff.Off:
                        set["state"] = "OFF";
                        break;
                    case CommandIds.OnOff.On:
                        set["state"] = "ON";
                        break;
                    case CommandIds.OnOff.Toggle:
                        set["state"] = "TOGGLE";
                        break;
                    case CommandIds.OnOff.OnWithTimedOff:
                        // Liberty's {onTime, offWait} or ZCL's {control, onTime, offWait}; tenths of a second.
                        var at = command.Arguments.Count >= 3 ? 1 : 0;
                        if (!TryArgument(command, at, 0, out var onTime) || onTime < 0)
                        {
                            return BadArgument("OnWithTimedOff needs an on time in tenths of a second.");
                        }
                        set["state"] = "ON";
                        set["on_time"] = onTime / 10.0;
                        break;
                    default:
                        return Unsupported(command);
                }
                break;
            case ClusterIds.Level when command.Command is CommandIds.Level.Move or CommandIds.Level.MoveWithOnOff:
                if (!TryArgument(command, 0, -1, out var mode) || mode is not (0 or 1) || !TryArgument(command, 1, -1, out var rate) || rate is < 1 or > 255)
                {
                    return BadArgument("Move needs a mode (0 up, 1 down) and a rate in 1..255 levels per second.");
                }
                set["brightness_move"] = mode == 0 ? rate : -rate;
                break;
            case ClusterIds.Level when command.Command is CommandIds.Level.Stop or CommandIds.Level.StopWithOnOff:
                set["brightness_move"] = 0;
                break;
            case ClusterIds.Level:
                var target = TryLevelTarget(command, state, out var level, out var transition);
                if (target.IsFailure)
                {
                    return target;
                }
                if (level == 0)
                {
                    set["state"] = "OFF";
                }
                else
                {
                    set["brightness"] = LevelTo(level, 254);
                }
                if (transition > 0)
                {
                    set["transition"] = transition / 10.0;
                }
                break;
            case ClusterIds.Thermostat when command.Command == CommandIds.Thermostat.SetpointRaiseLower:
                if (!TryArgument(command, 0, -1, out var which) || which is < 0 or > 2 || !TryArgument(command, 1, 0, out var amount))
                {
                    return BadArgument("SetpointRaiseLower needs a mode (0 heat, 1 cool, 2 both) and an amount in 0.1 °C.");
                }
                if (which is 0 or 2)
                {
                    set["occupied_heating_setpoint"] = (state.GetInt64(ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedHeatingSetpoint) + (amount * 10)) / 100.0;
                }
                if (which is 1 or 2)
                {
                    set["occupied_cooling_setpoint"] = (state.GetInt64(ClusterIds.Thermostat, AttributeIds.Thermostat.OccupiedCoolingSetpoint) + (amount * 10)) / 100.0;
                }
                break;
            default:
                return Unsupported(command);
        }
        messages.Add(new MqttMessage(_stateTopic + "/set", set.ToJsonString()));
        return CommandResult.Success;
    }

    public override CommandResult EncodeWrite(AttributeWrite write, AttributeTable state, List<MqttMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(messages);
        if (write.Cluster != ClusterIds.Thermostat)
        {
            return base.EncodeWrite(write, state, messages);
        }
        var set = new JsonObject();
        foreach (var (attribute, value) in write.Values)
        {
            if (!value.TryGetInt64(out var number))
            {
                return BadArgument($"Thermostat attribute 0x{attribute:X4} must be an integer, not {value}.");
            }
            switch (attribute)
            {
                case AttributeIds.Thermostat.OccupiedHeatingSetpoint:
                    set["occupied_heating_setpoint"] = number / 100.0;
                    break;
                case AttributeIds.Thermostat.OccupiedCoolingSetpoint:
                    set["occupied_cooling_setpoint"] = number / 100.0;
                    break;
                case AttributeIds.Thermostat.SystemMode when number >= 0 && number < SystemModes.Length && SystemModes[number].Length > 0:
                    set["system_mode"] = SystemModes[number];
                    break;
                case AttributeIds.Thermostat.SystemMode:
                    return BadArgument($"SystemMode {number} has no Zigbee2MQTT name.");
                default:
                    return CommandResult.Fail(CommandStatus.ReadOnly, $"Thermostat attribute 0x{attribute:X4} of '{FriendlyName}' cannot be written over Zigbee2MQTT.");
            }
        }
        messages.Add(new MqttMessage(_stateTopic + "/set", set.ToJsonString()));
        return CommandResult.Success;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
