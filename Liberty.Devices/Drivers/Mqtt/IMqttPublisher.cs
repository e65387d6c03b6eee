namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>Where drivers and the bridge hand messages to send: the connection's outbox.</summary>
/// <remarks>
/// <b>Thread:</b> any. <b>Cancellation:</b> not applicable; never blocks. <b>Ordering:</b> messages are sent in the
/// order they were accepted, each at most once (one the connection drops while sending is not sent again).
/// </remarks>
internal interface IMqttPublisher
{
    /// <summary>Queues a message; it is sent now if the broker is connected, else once it is.</summary>
    /// <param name="message">The message.</param>
    /// <param name="expires">When it stops being worth sending; null for never.</param>
    /// <returns>False when the outbox is full: the message is not queued (counted and logged).</returns>
    bool TryPublish(MqttMessage message, DateTimeOffset? expires = null);

    /// <summary>Adds a subscription, kept across reconnects; subscribes at once when connected. Adding one twice is harmless.</summary>
    /// <param name="filter">A topic filter.</param>
    void Subscribe(string filter);
}
