using Liberty.Devices.Clusters;
using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// What one adopted MQTT device speaks, as its discovery source announced it: its type and clusters, the topics it
/// publishes on, how its messages map to ZCL attributes and how ZCL commands map to its messages. One subclass per
/// source (Zigbee2MQTT, Tasmota, Home Assistant discovery); <see cref="MqttDeviceDriver"/> does the rest.
/// </summary>
/// <remarks>Immutable; decoding and encoding are pure functions of their arguments.</remarks>
internal abstract class MqttDevice
{
    protected MqttDevice(string source, string friendlyName, int deviceType, IReadOnlyList<int> clusters)
    {
        Source = source;
        FriendlyName = friendlyName;
        DeviceType = deviceType;
        Clusters = clusters;
    }

    /// <summary>The discovery source: <c>zigbee2mqtt</c>, <c>tasmota</c> or <c>homeassistant</c>.</summary>
    public string Source { get; }

    /// <summary>The name the source gives the device (the Liberty name is made from it, <see cref="LocalName"/>).</summary>
    public string FriendlyName { get; }

    /// <summary>The Zigbee Home Automation device type apps' schemas select (<see cref="Model.DeviceTypes"/>).</summary>
    public int DeviceType { get; }

    /// <summary>The standard clusters it has.</summary>
    public IReadOnlyList<int> Clusters { get; }

    /// <summary>The exact topics whose messages go to this device.</summary>
    public abstract IReadOnlyList<string> Topics { get; }

    /// <summary>Topic filters to subscribe to for this device beyond what its source subscribes to anyway.</summary>
    public virtual IReadOnlyList<string> Subscriptions => [];

    /// <summary>Messages that ask the device for its state (sent at start and on a query).</summary>
    public virtual IReadOnlyList<MqttMessage> ReadRequests => [];

    /// <summary>What identifies this announcement: a rediscovery with the same signature changes nothing.</summary>
    public string Signature => $"{Source}|{FriendlyName}|{DeviceType}|{string.Join(",", Clusters)}|{string.Join(",", Topics)}";

    /// <summary>The device's name on the node: the friendly name with whitespace and control characters as '-'.</summary>
    public string LocalName => MakeLocalName(FriendlyName);

    /// <summary>Reads one message on one of <see cref="Topics"/> into <paramref name="update"/>.</summary>
    public abstract void Decode(MqttMessage message, MqttUpdate update);

    /// <summary>Turns a command into messages; the device's state echo on the command's cluster completes it.</summary>
    /// <param name="command">The command (its cluster is one of <see cref="Clusters"/>).</param>
    /// <param name="state">The attribute values as last reported (for relative commands: step, toggle, raise/lower).</param>
    /// <param name="messages">Where the messages go.</param>
    /// <returns>Success when messages were added, or why the command cannot be sent.</returns>
    public abstract CommandResult Encode(DeviceCommand command, AttributeTable state, List<MqttMessage> messages);

    /// <summary>Turns an attribute write into messages (thermostat setpoints and mode); as <see cref="Encode"/>.</summary>
    public virtual CommandResult EncodeWrite(AttributeWrite write, AttributeTable state, List<MqttMessage> messages) =>
        CommandResult.Fail(CommandStatus.ReadOnly, $"{Source} device '{FriendlyName}' takes no attribute writes on cluster {ClusterIds.GetName(write.Cluster)}.");

    /// <summary>A device name from a friendly name (<see cref="LocalName"/>).</summary>
    public static string MakeLocalName(string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(friendlyName);
        var chars = friendlyName.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsWhiteSpace(chars[i]) || char.IsControl(chars[i]))
            {
                chars[i] = '-';
            }
        }
        return new string(chars);
    }

    /// <summary>Liberty level 0..255 from a device's 0..<paramref name="max"/> scale.</summary>
    protected static int LevelFrom(double value, double max) => (int)Math.Clamp(Math.Round(value * 255 / max, MidpointRounding.AwayFromZero), 0, 255);

    /// <summary>A device's 0..<paramref name="max"/> scale from a Liberty level 0..255.</summary>
    protected static int LevelTo(long level, double max) => (int)Math.Clamp(Math.Round(level * max / 255, MidpointRounding.AwayFromZero), 0, max);

    /// <summary>Hundredths of a degree Celsius from degrees.</summary>
    protected static long Centi(double degrees) => (long)Math.Round(degrees * 100, MidpointRounding.AwayFromZero);

    /// <summary>The refusal of a command the device's protocol has no message for.</summary>
    protected CommandResult Unsupported(DeviceCommand command) =>
        CommandResult.Fail(CommandStatus.UnsupportedCommand, $"{Source} device '{FriendlyName}' has no message for {ClusterIds.GetName(command.Cluster)} command 0x{command.Command:X2}.");

    /// <summary>The refusal of a bad argument.</summary>
    protected static CommandResult BadArgument(string what) => CommandResult.Fail(CommandStatus.InvalidArgument, what);

    /// <summary>The integer argument at <paramref name="index"/>, or <paramref name="fallback"/> when absent.</summary>
    protected static bool TryArgument(DeviceCommand command, int index, long fallback, out long value)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Arguments.Count <= index || command.Arguments[index].IsNull)
        {
            value = fallback;
            return true;
        }
        return command.Arguments[index].TryGetInt64(out value);
    }

    /// <summary>
    /// The level a Level command asks for, from the last reported level: MoveToLevel(level, transition) and Step(mode, size,
    /// transition), with or without on/off; null for Move and Stop (which a mirror cannot replay exactly).
    /// </summary>
    /// <returns>Success with the target level and transition (tenths of a second), or why not.</returns>
    internal CommandResult TryLevelTarget(DeviceCommand command, AttributeTable state, out int level, out long transition)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        level = 0;
        transition = 0;
        switch (command.Command)
        {
            case CommandIds.Level.MoveToLevel or CommandIds.Level.MoveToLevelWithOnOff:
                if (!TryArgument(command, 0, -1, out var target) || target is < 0 or > 255)
                {
                    return BadArgument("MoveToLevel needs a level in 0..255 as its first argument.");
                }
                if (!TryArgument(command, 1, 0, out transition) || transition < 0)
                {
                    return BadArgument("MoveToLevel's transition time (tenths of a second) must be a non-negative integer.");
                }
                level = (int)target;
                return CommandResult.Success;
            case CommandIds.Level.Step or CommandIds.Level.StepWithOnOff:
                if (!TryArgument(command, 0, -1, out var mode) || mode is not (0 or 1) || !TryArgument(command, 1, -1, out var size) || size is < 0 or > 255)
                {
                    return BadArgument("Step needs a mode (0 up, 1 down) and a step size in 0..255.");
                }
                if (!TryArgument(command, 2, 0, out transition) || transition < 0)
                {
                    return BadArgument("Step's transition time (tenths of a second) must be a non-negative integer.");
                }
                var current = state.GetInt64(ClusterIds.Level, AttributeIds.Level.CurrentLevel);
                level = (int)Math.Clamp(mode == 0 ? current + size : current - size, 0, 255);
                return CommandResult.Success;
            default:
                return Unsupported(command);
        }
    }
}
