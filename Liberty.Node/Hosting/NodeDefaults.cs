using Liberty.Devices.Drivers;

namespace Liberty.Node.Hosting;

/// <summary>The embedded defaults of <c>liberty run</c> that are not plain option defaults.</summary>
internal static class NodeDefaults
{
    /// <summary>
    /// The simulated devices a node declares when its configuration declares none: two lights, a dimmer, a switch, a
    /// temperature sensor and a thermostat. Declaring any device in configuration replaces the whole set.
    /// </summary>
    public static IReadOnlyList<DeviceDeclaration> SimulatedDevices { get; } =
    [
        Simulated("kitchen-light", "on-off-light"),
        Simulated("hall-light", "on-off-light"),
        Simulated("living-dimmer", "dimmable-light"),
        Simulated("wall-switch", "switch"),
        Simulated("outdoor-temperature", "temperature-sensor"),
        Simulated("thermostat", "thermostat"),
    ];

    private static DeviceDeclaration Simulated(string name, string kind) => new() { Name = name, Driver = "simulated", Kind = kind };
}
