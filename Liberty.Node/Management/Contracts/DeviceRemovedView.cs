namespace Liberty.Node.Management.Contracts;

/// <summary>The data of a <c>removed</c> event of <c>GET /api/devices/events</c>: a device that went away.</summary>
/// <param name="Id">The device's numeric id.</param>
internal sealed record DeviceRemovedView(long Id);
