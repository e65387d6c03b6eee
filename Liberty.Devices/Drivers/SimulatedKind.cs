namespace Liberty.Devices.Drivers;

/// <summary>The kinds of simulated device (configuration names in brackets).</summary>
internal enum SimulatedKind
{
    /// <summary>On/off light 0x0100 [on-off-light]: On/Off.</summary>
    OnOffLight,

    /// <summary>Dimmable light 0x0101 [dimmable-light]: On/Off, Level, level config.</summary>
    DimmableLight,

    /// <summary>Switch/remote 0x0000 [switch]: a command sent to it is "pressed" and emitted as a manual-local command event.</summary>
    Switch,

    /// <summary>Temperature sensor 0x0302 [temperature-sensor]: a drifting temperature.</summary>
    TemperatureSensor,

    /// <summary>Thermostat 0x0301 [thermostat]: the room drifts towards the active setpoint.</summary>
    Thermostat,

    /// <summary>Multistate device 0xF002 [multistate].</summary>
    Multistate,
}
