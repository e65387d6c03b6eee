namespace Liberty.Node.Management.Contracts;

/// <summary>The answer of <c>POST /api/devices/{id}/command</c> when the device ran (or accepted) the command.</summary>
/// <param name="Device">The device's full name.</param>
/// <param name="Id">Its numeric id.</param>
/// <param name="Cluster">The cluster of the command sent.</param>
/// <param name="Command">The command's number in that cluster.</param>
/// <param name="Status"><c>Success</c>, or <c>Pending</c> when the device completes it later.</param>
/// <param name="Message">What the device said, or null.</param>
internal sealed record DeviceCommandView(string Device, long Id, int Cluster, int Command, string Status, string? Message);
