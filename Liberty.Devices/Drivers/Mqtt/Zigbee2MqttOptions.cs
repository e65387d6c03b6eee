namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>Adoption of Zigbee2MQTT devices (configuration section <c>Mqtt:Zigbee2Mqtt</c>).</summary>
public sealed class Zigbee2MqttOptions
{
    /// <summary>Default <see cref="BaseTopic"/>: <c>zigbee2mqtt</c>, Zigbee2MQTT's own default.</summary>
    public const string DefaultBaseTopic = "zigbee2mqtt";

    /// <summary>Whether devices listed in <c>&lt;base&gt;/bridge/devices</c> are adopted. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Zigbee2MQTT's <c>base_topic</c>. Default <see cref="DefaultBaseTopic"/>; no wildcards, no trailing '/'.</summary>
    public string BaseTopic { get; set; } = DefaultBaseTopic;
}
