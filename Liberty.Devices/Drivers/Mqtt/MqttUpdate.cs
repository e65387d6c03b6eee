using Liberty.Devices.Model;

namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>What one received message says about a device: attribute values, availability, or why it is malformed.</summary>
internal sealed class MqttUpdate
{
    /// <summary>Attribute values the message carries, in ZCL units.</summary>
    public List<(int Cluster, int Attribute, AttributeValue Value)> Values { get; } = [];

    /// <summary>Availability the message announces; null when it says nothing about it.</summary>
    public bool? Available { get; set; }

    /// <summary>Availability of the bridge the device sits behind (Zigbee2MQTT's <c>bridge/state</c>); null when the message says nothing about it.</summary>
    public bool? BridgeAvailable { get; set; }

    /// <summary>Why the message could not be read; null when it could (it is then ignored whole).</summary>
    public string? Error { get; set; }

    /// <summary>Adds an attribute value.</summary>
    public void Set(int cluster, int attribute, AttributeValue value) => Values.Add((cluster, attribute, value));
}
