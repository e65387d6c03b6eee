namespace Liberty.Node.Management.Contracts;

/// <summary>The devices of a node in its status (<c>GET /api/node</c> under <c>devices</c>).</summary>
/// <param name="Total">This node's devices.</param>
/// <param name="Ok">How many of them answer.</param>
/// <param name="Fleet">The devices of the whole cluster (this node's alone when it runs alone).</param>
/// <param name="FleetOk">How many of those answer.</param>
internal sealed record NodeDevicesView(int Total, int Ok, int Fleet, int FleetOk);
