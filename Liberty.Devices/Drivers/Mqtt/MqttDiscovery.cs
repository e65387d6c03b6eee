namespace Liberty.Devices.Drivers.Mqtt;

/// <summary>
/// What one announcement says: the devices announced under <paramref name="Key"/> are now exactly
/// <paramref name="Devices"/> (an empty list withdraws them all).
/// </summary>
/// <param name="Key">What the announcement is about: the Zigbee2MQTT device list, one Tasmota device, one Home Assistant entity.</param>
/// <param name="Devices">The devices it announces, ready to adopt.</param>
/// <param name="Skipped">Devices it announces that cannot be adopted, each with why (no cluster Liberty knows, ...).</param>
/// <param name="Error">Why the announcement could not be read at all (it then changes nothing); null when it could.</param>
internal sealed record MqttDiscovery(string Key, IReadOnlyList<MqttDevice> Devices, IReadOnlyList<string> Skipped, string? Error = null)
{
    /// <summary>A malformed announcement: ignored whole.</summary>
    public static MqttDiscovery Malformed(string key, string error) => new(key, [], [], error);
}
