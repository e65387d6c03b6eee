namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>One MQTT message, received or to send.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Payload">The payload as UTF-8 text (every source this driver speaks uses text or JSON).</param>
/// <param name="Retain">Received: it was a retained message. To send: the broker should retain it.</param>
internal sealed record MqttMessage(string Topic, string Payload, bool Retain = false);
