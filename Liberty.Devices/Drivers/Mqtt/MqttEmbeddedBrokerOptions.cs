namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// The MQTT broker a node can run itself (configuration section <c>Mqtt:EmbeddedBroker</c>), so a single gateway needs
/// nothing else. It is a local broker, not a durable one: retained messages and sessions live in memory and are gone
/// when the node stops.
/// </summary>
public sealed class MqttEmbeddedBrokerOptions
{
    /// <summary>Default <see cref="Listen"/>: <c>127.0.0.1</c> (loopback only).</summary>
    public const string DefaultListen = "127.0.0.1";

    /// <summary>Whether the node starts the broker. Default false. With no <see cref="MqttBrokerOptions.Host"/>, the node connects to it.</summary>
    public bool Enabled { get; set; }

    /// <summary>The address it listens on. Default <see cref="DefaultListen"/>; <c>0.0.0.0</c> opens it to the LAN.</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>Its port. Default <see cref="MqttBrokerOptions.DefaultPort"/>; 1..65535.</summary>
    public int Port { get; set; } = MqttBrokerOptions.DefaultPort;
}
