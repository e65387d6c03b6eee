namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>The connection to the broker came up or went down; the bridge passes it to every MQTT device.</summary>
/// <param name="Connected">Whether the node is connected now.</param>
/// <param name="Reason">Why, for people (the broker's address, the error).</param>
internal sealed record MqttConnectionChanged(bool Connected, string Reason);
