namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// One way real installations announce devices over MQTT (Zigbee2MQTT, Tasmota, Home Assistant discovery): which
/// topics to watch and how an announcement becomes devices.
/// </summary>
/// <remarks>Owned by the bridge actor: single thread; a source may remember earlier announcements.</remarks>
internal interface IMqttDiscoverySource
{
    /// <summary>The source's name in logs and device drivers (<c>zigbee2mqtt</c>, ...).</summary>
    string Name { get; }

    /// <summary>The topic filters its announcements arrive on.</summary>
    IReadOnlyList<string> Subscriptions { get; }

    /// <summary>Reads a message if it is one of this source's announcements.</summary>
    /// <param name="message">A received message.</param>
    /// <param name="discovery">What it announces, when it is an announcement of this source.</param>
    /// <returns>False when the message is not this source's announcement.</returns>
    bool TryDiscover(MqttMessage message, out MqttDiscovery discovery);
}
