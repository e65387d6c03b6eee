using System.Diagnostics;
using Akka.Actor;
using Liberty.Node.Engine;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary><c>/api/node</c> (status and statistics), <c>/api/actors/*</c>, <c>/api/log</c>.</summary>
internal static class NodeEndpoints
{
    private const int DefaultDepth = 3;
    private const int MaxDepth = 32;
    private const int MaxActors = 10_000;

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <param name="node">The node.</param>
    public static void Map(WebApplication app, NodeServices node)
    {
        app.MapGet("/api/node", () => Results.Json(Status(node), ApiJson.Options));
        app.MapGet("/api/actors/system", () => Results.Json(new ActorSystemView(
            node.System.Name,
            ActorTree.Address(node.System),
            Uptime(node),
            node.DeadLetters.Count,
            [.. ActorTree.Guardians(node.System).Select(static g => g.Path.ToString())],
            ActorTree.ChildrenOf(ActorTree.Guardians(node.System)[0]).Count,
            ActorTree.ChildrenOf(ActorTree.Guardians(node.System)[1]).Count), ApiJson.Options));
        app.MapGet("/api/actors/hierarchy", (HttpRequest request) =>
        {
            var depth = RequestJson.QueryInt(request, "depth", DefaultDepth, 0, MaxDepth);
            var path = request.Query["path"].Count > 0 ? request.Query["path"].ToString() : "/";
            var budget = MaxActors;
            if (path is "/" or "")
            {
                var guardians = ActorTree.Guardians(node.System);
                return Results.Json(new ActorNode("/", "", null, null, guardians.Length, depth == 0 ? null : [.. guardians.Select(g => Walk(g, depth - 1, ref budget))]), ApiJson.Options);
            }
            if (!path.StartsWith('/'))
            {
                throw ApiException.BadRequest($"'{path}' is not an actor path (e.g. /user/devices): it must start with '/'.", "path");
            }
            IActorRef? start;
            try
            {
                start = ActorTree.Resolve(node.System, path);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
            {
                throw ApiException.BadRequest($"'{path}' is not an actor path (e.g. /user/devices): {e.Message}", "path");
            }
            if (start is null)
            {
                throw ApiException.NotFound($"no actor at '{path}'.", "path");
            }
            return Results.Json(Walk(start, depth, ref budget), ApiJson.Options);
        });
        app.MapGet("/api/log", (HttpRequest request) =>
        {
            var n = RequestJson.QueryInt(request, "n", 50, 1, node.Log.Capacity);
            return Results.Json(node.Log.Peek(n), ApiJson.Options);
        });
    }

    private static NodeStatusView Status(NodeServices node)
    {
        var tasks = node.Tasks.ListTasks();
        var statistics = node.Tasks.GetStatistics();
        var byState = Enum.GetNames<TaskState>().ToDictionary(static s => s, s => tasks.Count(t => t.State == s), StringComparer.Ordinal);
        var uptime = node.TaskHost.Time.GetElapsedTime(node.StartedTimestamp);
        var busy = node.TaskHost.Time.GetElapsedTime(0, node.Dispatcher.BusyTimestampTicks);
        var gc = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        var zone = TimeZoneInfo.Local;
        return new NodeStatusView(
            node.Name,
            NodeServices.Version,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            node.StartedAt,
            Uptime(node),
            Math.Round(uptime.TotalSeconds, 3),
            new NodeTasksView(tasks.Count, byState, node.TaskHost.Tasks.Count, statistics.EventsDropped, statistics.LogLinesSuppressed, statistics.LuaMemoryBytes),
            node.Tasks.ListApps().Count,
            new NodeDevicesView(
                node.Directory.Local.Count,
                node.Directory.Local.Count(static e => e.Snapshot.Ok),
                node.Directory.Count,
                node.Directory.All.Count(static e => e.Snapshot.Ok)),
            new NodeEventsView(node.Bus.Published, node.Bus.Delivered, node.Bus.Dropped, node.DeadLetters.Count),
            new NodeDispatcherView(
                node.Dispatcher.SliceCount,
                Math.Round(busy.TotalSeconds, 3),
                uptime > TimeSpan.Zero ? Math.Round(Math.Min(1, busy / uptime), 4) : 0,
                Math.Round(node.TaskHost.Time.GetElapsedTime(0, node.Dispatcher.LongestSliceTimestampTicks).TotalMilliseconds, 3),
                node.Dispatcher.ReadyCount,
                node.Dispatcher.HandOffCount,
                node.Dispatcher.StuckThreadCount,
                node.StuckSlices()),
            node.Cluster?.GetState() ?? ClusterEndpoints.Alone(node),
            new NodeMemoryView(
                process.WorkingSet64,
                process.PrivateMemorySize64,
                GC.GetTotalMemory(false),
                gc.HeapSizeBytes,
                GC.CollectionCount(0),
                GC.CollectionCount(1),
                GC.CollectionCount(2)),
            zone.Id,
            (int)Math.Round(zone.GetUtcOffset(node.TaskHost.Time.GetUtcNow()).TotalMinutes));
    }

    private static string Uptime(NodeServices node)
    {
        var uptime = node.TaskHost.Time.GetElapsedTime(node.StartedTimestamp);
        return uptime.ToString(uptime.TotalDays >= 1 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ActorNode Walk(IActorRef actor, int depth, ref int budget)
    {
        budget--;
        var children = ActorTree.ChildrenOf(actor);
        var (dispatcher, type) = ActorTree.Describe(actor);
        List<ActorNode>? walked = null;
        if (depth > 0)
        {
            walked = [];
            foreach (var child in children)
            {
                if (budget <= 0)
                {
                    break;
                }
                walked.Add(Walk(child, depth - 1, ref budget));
            }
        }
        return new ActorNode(actor.Path.ToStringWithoutAddress(), actor.Path.Name, type, dispatcher, children.Count, walked);
    }
}
