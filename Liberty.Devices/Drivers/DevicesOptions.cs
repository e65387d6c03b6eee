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

    /// <summary>The stored actions (<c>Libre_ActionTrigger</c>). Default none.</summary>
    public List<Actions.ActionDeclaration> Actions { get; init; } = [];

    /// <summary>Checks the driver options and the actions (each device declaration is checked when its driver is created).</summary>
    /// <returns>One message per problem, naming the property or configuration path; empty when valid.</returns>
    public IReadOnlyList<string> Validate() => [.. Simulated.Validate(), .. Sysfs.Validate(), .. Liberty.Devices.Actions.DeviceActions.Validate(Actions)];
}
