namespace Liberty.Node.Management.Contracts;

/// <summary>The cluster as one node sees it (<c>GET /api/cluster</c>).</summary>
/// <param name="Mode"><c>cluster</c>, or <c>single-node</c> for a node configured without seeds.</param>
/// <param name="Name">The cluster's name.</param>
/// <param name="Self">This node's cluster address (its local address when alone).</param>
/// <param name="Leader">The leader's address, or null (alone, or no leader yet).</param>
/// <param name="Joined">Whether this node is a member yet (false while it is still trying to reach its seeds).</param>
/// <param name="Seeds">The configured seeds (<c>host:port</c>).</param>
/// <param name="Members">The members, ordered by address.</param>
internal sealed record ClusterStateView(string Mode, string Name, string Self, string? Leader, bool Joined, IReadOnlyList<string> Seeds, IReadOnlyList<ClusterMemberView> Members);
