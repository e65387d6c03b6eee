namespace Liberty.Node.Management.Contracts;

/// <summary>The answer of <c>GET /health</c> (no token needed).</summary>
/// <param name="Status"><c>ok</c>, or <c>degraded</c> while a slice runs on an OS thread of its own (still answered 200: the node serves).</param>
/// <param name="Node">The node's name.</param>
/// <param name="Stuck">The slices running on a thread of their own: which task, since when, what CPU they burned.</param>
internal sealed record HealthView(string Status, string Node, IReadOnlyList<StuckSlice> Stuck);
