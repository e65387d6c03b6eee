namespace Liberty.Node.Management.Contracts;

/// <summary>One member as <c>cluster show</c> and the API show it.</summary>
/// <param name="Node">Its node name (empty for a member that is not a Liberty node).</param>
/// <param name="Address">Its cluster address, e.g. <c>akka.tcp://liberty@10.0.0.5:4053</c>.</param>
/// <param name="Roles">Its roles (including <c>node:&lt;name&gt;</c>).</param>
/// <param name="Status">Joining, WeaklyUp, Up, Leaving, Exiting, Down or Removed.</param>
/// <param name="Reachability">Reachable or Unreachable (as this node sees it).</param>
/// <param name="Version">The product version it runs.</param>
/// <param name="Leader">Whether it is the cluster's leader.</param>
/// <param name="Self">Whether it is the node that answered.</param>
/// <param name="LastHeard">When this node last heard from it (null: never).</param>
internal sealed record ClusterMemberView(string Node, string Address, IReadOnlyList<string> Roles, string Status, string Reachability, string Version, bool Leader, bool Self, DateTimeOffset? LastHeard);
