namespace Liberty.Devices.Drivers;

/// <summary>
/// One device declared in the node's configuration (<c>Devices:Devices:[i]</c>), bindable from JSON:
/// <c>{"Name":"hall","Driver":"simulated","Kind":"dimmable-light","Parameters":{"level":"128"}}</c>.
/// </summary>
public sealed class DeviceDeclaration
{
    /// <summary>The device name on this node (the registry prefixes the node name).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>simulated</c> or <c>sysfs</c> (virtual devices are created by tasks, not configuration).</summary>
    public string Driver { get; set; } = "";

    /// <summary>
    /// The kind: for simulated, <c>on-off-light</c>, <c>dimmable-light</c>, <c>switch</c>, <c>temperature-sensor</c>,
    /// <c>thermostat</c>, <c>multistate</c>; for sysfs, <c>led</c>, <c>gpio</c>, <c>thermal</c>.
    /// </summary>
    public string Kind { get; set; } = "";

    /// <summary>The device type to announce instead of the kind's default, as <c>0x0101</c> or decimal; null keeps the default.</summary>
    public string? Type { get; set; }

    /// <summary>
    /// Kind parameters. Simulated: <c>level</c>, <c>minLevel</c> (dimmable light), <c>states</c>, <c>cluster</c>
    /// (multistate), <c>temperature</c> (0.01 °C), <c>seed</c>. Sysfs: <c>path</c> (relative to the root, required).
    /// </summary>
    public Dictionary<string, string> Parameters { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}
