namespace Liberty.Devices.Actions;

/// <summary>One command of an <see cref="ActionDeclaration"/> (<c>Devices:Actions:[i]:Commands:[j]</c>).</summary>
public sealed class ActionCommandDeclaration
{
    /// <summary>
    /// The device: its full name <c>node/name</c>, its local name on this node, or its numeric id in decimal; resolved
    /// when the action is triggered (the device may be created after the action is declared).
    /// </summary>
    public string Device { get; set; } = "";

    /// <summary>The cluster id, decimal or <c>0x</c> hex (0..0xFFFF).</summary>
    public string Cluster { get; set; } = "";

    /// <summary>The command id, decimal or <c>0x</c> hex (0..0xFF).</summary>
    public string Command { get; set; } = "";

    /// <summary>
    /// The command's arguments in ZCL payload order, as text: <c>true</c>/<c>false</c>, a whole number (decimal or
    /// <c>0x</c> hex), a real number (invariant culture), else a string. Default none.
    /// </summary>
    public List<string> Arguments { get; init; } = [];
}
