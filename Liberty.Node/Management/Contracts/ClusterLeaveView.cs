namespace Liberty.Node.Management.Contracts;

/// <summary>The answer of <c>POST /api/cluster/leave</c> (202).</summary>
/// <param name="Leaving">The cluster address of the member asked to leave.</param>
/// <param name="Node">Its node name (empty for a member that is not a Liberty node).</param>
internal sealed record ClusterLeaveView(string Leaving, string Node);
