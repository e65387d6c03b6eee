namespace Liberty.Node.Management.Contracts;

/// <summary>The body of <c>POST /api/devices/{id}/command</c> for the common commands (for any cluster command: <see cref="ClusterCommandRequest"/>).</summary>
/// <param name="Command"><c>on</c>, <c>off</c>, <c>toggle</c> or <c>level</c>.</param>
/// <param name="Level">With <c>level</c>: the level, 0..255; null otherwise.</param>
/// <param name="Transition">With <c>level</c>: the seconds the change takes, or null for at once.</param>
internal sealed record DeviceCommandRequest(string Command, int? Level = null, double? Transition = null);
