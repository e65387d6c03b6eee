using System.Diagnostics;
using Akka.Actor;
using Liberty.Node.Engine;

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
        app.MapGet("/api/node", () => Results.Json(Status(node), ManagementApi.Json));
        app.MapGet("/api/actors/system", () => Results.Json(new
        {
            name = node.System.Name,
            address = ActorTree.Address(node.System),
            uptime = Uptime(node),
            deadLetters = node.DeadLetters.Count,
            guardians = ActorTree.Guardians(node.System).Select(static g => g.Path.ToString()).ToArray(),
            userActors = ActorTree.ChildrenOf(ActorTree.Guardians(node.System)[0]).Count,
            systemActors = ActorTree.ChildrenOf(ActorTree.Guardians(node.System)[1]).Count,
        }, ManagementApi.Json));
        app.MapGet("/api/actors/hierarchy", (HttpRequest request) =>
        {
            var depth = RequestJson.QueryInt(request, "depth", DefaultDepth, 0, MaxDepth);
            var path = request.Query["path"].Count > 0 ? request.Query["path"].ToString() : "/";
            var budget = MaxActors;
            if (path is "/" or "")
            {
                var guardians = ActorTree.Guardians(node.System);
                return Results.Json(new ActorNode("/", "", null, null, guardians.Length, depth == 0 ? null : [.. guardians.Select(g => Walk(g, depth - 1, ref budget))]), ManagementApi.Json);
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
            return Results.Json(Walk(start, depth, ref budget), ManagementApi.Json);
        });
        app.MapGet("/api/log", (HttpRequest request) =>
        {
            var n = RequestJson.QueryInt(request, "n", 50, 1, node.Log.Capacity);
            return Results.Json(node.Log.Peek(n), ManagementApi.Json);
        });
    }

    private static object Status(NodeServices node)
    {
        var tasks = node.Tasks.ListTasks();
        var engineTasks = node.TaskHost.Tasks;
        var statistics = node.Tasks.GetStatistics();
        var byState = Enum.GetNames<TaskState>().ToDictionary(static s => s, s => tasks.Count(t => t.State == s), StringComparer.Ordinal);
        var uptime = node.TaskHost.Time.GetElapsedTime(node.StartedTimestamp);
        var busy = node.TaskHost.Time.GetElapsedTime(0, node.Dispatcher.BusyTimestampTicks);
        var gc = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        return new
        {
            node = node.Name,
            version = NodeServices.Version,
            runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            startedAt = node.StartedAt,
            uptime = Uptime(node),
            uptimeSeconds = Math.Round(uptime.TotalSeconds, 3),
            tasks = new
            {
                total = tasks.Count,
                byState,
                engineTasks = engineTasks.Count,
                eventsDropped = statistics.EventsDropped,
                logLinesSuppressed = statistics.LogLinesSuppressed,
                luaMemoryBytes = statistics.LuaMemoryBytes,
            },
            apps = node.Tasks.ListApps().Count,
            devices = new
            {
                total = node.Directory.Local.Count,
                ok = node.Directory.Local.Count(static e => e.Snapshot.Ok),
                fleet = node.Directory.Count,
                fleetOk = node.Directory.All.Count(static e => e.Snapshot.Ok),
            },
            events = new { published = node.Bus.Published, delivered = node.Bus.Delivered, dropped = node.Bus.Dropped, deadLetters = node.DeadLetters.Count },
            dispatcher = new
            {
                slices = node.Dispatcher.SliceCount,
                busySeconds = Math.Round(busy.TotalSeconds, 3),
                utilisation = uptime > TimeSpan.Zero ? Math.Round(Math.Min(1, busy / uptime), 4) : 0,
                longestSliceMs = Math.Round(node.TaskHost.Time.GetElapsedTime(0, node.Dispatcher.LongestSliceTimestampTicks).TotalMilliseconds, 3),
                ready = node.Dispatcher.ReadyCount,
                handOffs = node.Dispatcher.HandOffCount,
                stuckThreads = node.Dispatcher.StuckThreadCount,
                stuck = node.StuckSlices(),
            },
            cluster = node.Cluster?.GetState() ?? ClusterEndpoints.Alone(node),
            memory = new
            {
                workingSetBytes = process.WorkingSet64,
                privateBytes = process.PrivateMemorySize64,
                managedHeapBytes = GC.GetTotalMemory(false),
                gcHeapSizeBytes = gc.HeapSizeBytes,
                gen0Collections = GC.CollectionCount(0),
                gen1Collections = GC.CollectionCount(1),
                gen2Collections = GC.CollectionCount(2),
            },
        };
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
