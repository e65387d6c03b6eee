namespace Liberty.Devices.Drivers;

/// <summary>The devices subsystem's options (configuration section <c>Devices</c>).</summary>
public sealed class DevicesOptions
{
    /// <summary>The devices this node runs. Default none.</summary>
    public List<DeviceDeclaration> Devices { get; init; } = [];

    /// <summary>Options of simulated devices.</summary>
    public SimulatedDriverOptions Simulated { get; init; } = new();

    /// <summary>Options of sysfs devices.</summary>
    public SysfsDriverOptions Sysfs { get; init; } = new();

    /// <summary>Checks the driver options (each declaration is checked when its driver is created).</summary>
    /// <returns>One message per problem, naming the property; empty when valid.</returns>
    public IReadOnlyList<string> Validate() => [.. Simulated.Validate(), .. Sysfs.Validate()];
}
