using Liberty.Node.Cluster;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>
/// <c>/api/cluster</c>: the members as this node sees them; <c>POST /api/cluster/leave[?node=N]</c>,
/// <c>POST /api/cluster/down?node=N</c> and <c>POST /api/cluster/down-unreachable</c> act on the membership
/// (N is a node name, a full cluster address or <c>host:port</c>).
/// </summary>
internal static class ClusterEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <param name="node">The node.</param>
    public static void Map(WebApplication app, NodeServices node)
    {
        app.MapGet("/api/cluster", () => Results.Json(node.Cluster?.GetState() ?? Alone(node), ApiJson.Options));
        app.MapPost("/api/cluster/leave", (HttpRequest request) =>
        {
            var cluster = Member(node);
            var name = request.Query["node"].ToString();
            var member = string.IsNullOrEmpty(name) ? cluster.Cluster.SelfMember : Find(cluster, name);
            cluster.Leave(member, "the API");
            return Results.Json(new ClusterLeaveView(member.Address.ToString(), NodeRole.NameOf(member)), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
        });
        app.MapPost("/api/cluster/down", (HttpRequest request) =>
        {
            var cluster = Member(node);
            var name = request.Query["node"].ToString();
            if (string.IsNullOrEmpty(name))
            {
                throw ApiException.BadRequest("'node' is required: the member to mark Down (its node name, cluster address or host:port).", "node");
            }
            var member = Find(cluster, name);
            cluster.Down(member, "the API");
            return Results.Json(new ClusterDownView([member.Address.ToString()]), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
        });
        app.MapPost("/api/cluster/down-unreachable", () =>
        {
            var downed = Member(node).DownUnreachable("the API");
            return Results.Json(new ClusterDownView([.. downed.Select(static m => m.Address.ToString())]), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
        });
    }

    /// <summary>The view of a node that runs alone: itself, Up.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The view.</returns>
    public static ClusterStateView Alone(NodeServices node)
    {
        var address = ActorTree.Address(node.System);
        return new ClusterStateView("single-node", node.System.Name, address, null, true, [],
            [new ClusterMemberView(node.Name, address, [NodeRole.For(node.Name)], "Up", "Reachable", NodeServices.Version, false, true, node.TaskHost.Time.GetUtcNow())]);
    }

    private static ClusterService Member(NodeServices node) =>
        node.Cluster ?? throw new ApiException(StatusCodes.Status409Conflict, "conflict", "this node runs alone: it is not in a cluster (configure Cluster:Seeds or run with --seed).");

    private static Akka.Cluster.Member Find(ClusterService cluster, string name) =>
        cluster.TryFind(name, out var member) ? member : throw ApiException.NotFound($"no member '{name}' (give a node name, a cluster address or host:port; 'cluster show' lists them).", "node");
}
