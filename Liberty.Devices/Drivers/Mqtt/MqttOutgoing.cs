namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>A message waiting in the outbox.</summary>
/// <param name="Message">What to publish.</param>
/// <param name="Expires">
/// After this time the message is dropped instead of sent (a command whose sender already got its timeout must not act
/// late); null: it never expires (retained configuration, state).
/// </param>
internal sealed record MqttOutgoing(MqttMessage Message, DateTimeOffset? Expires);
