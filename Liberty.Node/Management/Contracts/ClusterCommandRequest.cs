using Liberty.Devices.Model;

namespace Liberty.Node.Management.Contracts;

/// <summary>The body of <c>POST /api/devices/{id}/command</c> for any cluster command.</summary>
/// <param name="Cluster">The cluster number, 0..0xFFFF. The node also accepts a string holding it (decimal or <c>0x</c> hex).</param>
/// <param name="Command">The command's number in the cluster, 0..0xFF (also as such a string).</param>
/// <param name="Args">The command's arguments: numbers, strings, booleans or nulls.</param>
internal sealed record ClusterCommandRequest(int Cluster, int Command, IReadOnlyList<AttributeValue> Args);
