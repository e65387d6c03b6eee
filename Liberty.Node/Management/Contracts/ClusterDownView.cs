namespace Liberty.Node.Management.Contracts;

/// <summary>The answer of <c>POST /api/cluster/down</c> and <c>POST /api/cluster/down-unreachable</c> (202).</summary>
/// <param name="Downed">The cluster addresses of the members marked Down (none when no member was unreachable).</param>
internal sealed record ClusterDownView(IReadOnlyList<string> Downed);
