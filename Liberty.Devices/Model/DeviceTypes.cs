namespace Liberty.Devices.Model;

/// <summary>
/// Device type ids: Zigbee Home Automation device ids as Liberty uses them, plus Libertas' own
/// (docs/app-api.md section 1). Schemas select devices by these numbers.
/// </summary>
public static class DeviceTypes
{
    /// <summary>On/off switch (0x0000): sends On/Off commands.</summary>
    public const int OnOffSwitch = 0x0000;

    /// <summary>Level-controllable output (0x0003).</summary>
    public const int LevelControllableOutput = 0x0003;

    /// <summary>On/off light (0x0100).</summary>
    public const int OnOffLight = 0x0100;

    /// <summary>Dimmable light (0x0101).</summary>
    public const int DimmableLight = 0x0101;

    /// <summary>Thermostat (0x0301).</summary>
    public const int Thermostat = 0x0301;

    /// <summary>Temperature sensor (0x0302).</summary>
    public const int TemperatureSensor = 0x0302;

    /// <summary>Libertas multistate device (0xF002).</summary>
    public const int MultistateDevice = 0xF002;

    /// <summary>Libertas sprinkler controller (0xF003).</summary>
    public const int SprinklerController = 0xF003;

    /// <summary>"Any device type" in a schema's DeviceType attribute (0xFFFF); never the type of a device.</summary>
    public const int Any = 0xFFFF;

    /// <summary>Returns a readable name for display, or the id in hex for unknown types.</summary>
    /// <param name="deviceType">The device type id.</param>
    /// <returns>The display name.</returns>
    public static string GetName(int deviceType) => deviceType switch
    {
        OnOffSwitch => "On/Off Switch",
        LevelControllableOutput => "Level Controllable Output",
        OnOffLight => "On/Off Light",
        DimmableLight => "Dimmable Light",
        Thermostat => "Thermostat",
        TemperatureSensor => "Temperature Sensor",
        MultistateDevice => "Multistate Device",
        SprinklerController => "Sprinkler Controller",
        Any => "Any",
        _ => $"0x{deviceType:X4}",
    };
}
