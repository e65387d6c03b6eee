using System.Threading.Channels;
using Liberty.Node.Cluster;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>
/// <c>/api/tasks</c>: start (<c>{app, function, arguments, name}</c>), list, show, change arguments (<c>PUT {arguments}</c>),
/// stop, resume, reset, delete, logs
/// (and <c>?follow=true</c>: server-sent events, one <c>data:</c> line of JSON per log line, then an <c>end</c> event
/// with the task when its run ends). In a cluster, <c>?on=NODE</c>
/// runs start, list, show, stop, resume, reset and delete on that node, and <c>GET /api/tasks?on=all</c> lists every node's tasks.
/// </summary>
internal static class TaskEndpoints
{
    private const int DefaultLogLines = 100;
    private const int MaxLogLines = 10_000;

    // Lines buffered for one follower between the task and a slow HTTP client; more are dropped and counted.
    private const int FollowBuffer = 1000;

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <param name="node">The node.</param>
    public static void Map(WebApplication app, NodeServices node)
    {
        var tasks = node.Tasks;
        app.MapGet("/api/tasks", (HttpRequest request, CancellationToken ct) => On(request) == "all"
            ? TaskOperations.ListEverywhereAsync(node, ct)
            : TaskOperations.RunAsync(node, new RemoteTaskRequest("list"), On(request), ct));
        app.MapPost("/api/tasks", async (HttpRequest request, CancellationToken ct) =>
        {
            using var body = await RequestJson.ReadObjectAsync(request, ct).ConfigureAwait(false);
            var start = new StartTaskRequest(
                RequestJson.RequiredString(body.RootElement, "app"),
                RequestJson.RequiredString(body.RootElement, "function"),
                // A string holding the JSON is the form the API used to show, still accepted.
                TaskView.ParseArguments(RequestJson.OptionalRawJson(body.RootElement, "arguments", allowString: true)),
                RequestJson.OptionalString(body.RootElement, "name"));
            // The arguments' text goes on as it came (GetRawText is the original text of a parsed value).
            var operation = new RemoteTaskRequest("start", App: start.App, Function: start.Function, Arguments: start.Arguments?.GetRawText(), Name: start.Name);
            return await TaskOperations.RunAsync(node, operation, On(request), ct).ConfigureAwait(false);
        });
        app.MapGet("/api/tasks/{id}", (string id, HttpRequest request, CancellationToken ct) => Run(node, "show", id, request, ct));
        // The console's "edit and restart": new arguments ({arguments}), checked first; the task starts afresh with them.
        app.MapPut("/api/tasks/{id}", async (string id, HttpRequest request, CancellationToken ct) =>
        {
            using var body = await RequestJson.ReadObjectAsync(request, ct).ConfigureAwait(false);
            var taskId = RequestJson.Id(id, "id");
            var change = new ChangeArgumentsRequest(TaskView.ParseArguments(RequestJson.OptionalRawJson(body.RootElement, "arguments", allowString: true)));
            var operation = new RemoteTaskRequest("arguments", taskId, Arguments: change.Arguments?.GetRawText());
            return await TaskOperations.RunAsync(node, operation, On(request), ct).ConfigureAwait(false);
        });
        app.MapPost("/api/tasks/{id}/stop", (string id, HttpRequest request, CancellationToken ct) => Run(node, "stop", id, request, ct));
        app.MapPost("/api/tasks/{id}/resume", (string id, HttpRequest request, CancellationToken ct) => Run(node, "resume", id, request, ct));
        app.MapPost("/api/tasks/{id}/reset", (string id, HttpRequest request, CancellationToken ct) => Run(node, "reset", id, request, ct));
        app.MapDelete("/api/tasks/{id}", (string id, HttpContext context) =>
            TaskOperations.RunAsync(node, new RemoteTaskRequest("delete", RequestJson.Id(id, "id"), Force: RequestJson.QueryBool(context.Request, "force")), On(context.Request), context.RequestAborted));
        app.MapGet("/api/tasks/{id}/logs", async (string id, HttpContext context) =>
        {
            var taskId = RequestJson.Id(id, "id");
            var max = RequestJson.QueryInt(context.Request, "max", DefaultLogLines, 0, MaxLogLines);
            var follow = RequestJson.QueryBool(context.Request, "follow");
            if (!follow)
            {
                return await TaskOperations.RunAsync(node, new RemoteTaskRequest("logs", taskId, Max: max), On(context.Request), context.RequestAborted).ConfigureAwait(false);
            }
            if (On(context.Request) is { } on && on != node.Name)
            {
                throw ApiException.BadRequest($"follow the log of a task on '{on}' at that node's own API (--node): a follow is not forwarded through the cluster.", "on");
            }
            await FollowAsync(tasks, taskId, max, context).ConfigureAwait(false);
            return Results.Empty;
        });
    }

    /// <summary>The <c>on</c> query parameter: the node to run the operation on (<c>all</c> for a listing of every node).</summary>
    private static string? On(HttpRequest request) => request.Query["on"].Count > 0 ? request.Query["on"].ToString() : null;

    private static Task<IResult> Run(NodeServices node, string verb, string id, HttpRequest request, CancellationToken ct) =>
        TaskOperations.RunAsync(node, new RemoteTaskRequest(verb, RequestJson.Id(id, "id")), On(request), ct);

    private static async Task FollowAsync(ITaskService tasks, long id, int max, HttpContext context)
    {
        var channel = Channel.CreateBounded<TaskLogLine>(new BoundedChannelOptions(FollowBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        // Subscribe first, then read the backlog: a line written in between comes twice at worst, and the sequence
        // number lets the writer skip it.
        var subscription = tasks.SubscribeLogs(id, line => channel.Writer.TryWrite(line));
        if (!subscription.Ok)
        {
            throw ManagementApi.ToException(subscription.Kind, subscription.Error, "id");
        }
        using var unsubscribe = subscription.Value!;
        // Once the run ends no line follows: the channel is closed after the lines already in it.
        var ended = tasks.WhenRunEnds(id);
        if (ended.Ok)
        {
            _ = ended.Value!.ContinueWith(static (_, writer) => ((ChannelWriter<TaskLogLine>)writer!).TryComplete(), channel.Writer,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        var backlog = tasks.GetLogs(id, max);
        var response = context.Response;
        // The follow ends when the client hangs up or the node stops, whichever comes first.
        using var stream = ServerSentEvents.Start(context);
        var ct = stream.Token;
        long last = 0;
        try
        {
            foreach (var line in backlog.Value ?? [])
            {
                await ServerSentEvents.WriteAsync(response, null, line, ct).ConfigureAwait(false);
                last = line.Sequence;
            }
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            await foreach (var line in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                // A line written between the subscription and the backlog read comes twice: its sequence number tells.
                if (line.Sequence == 0 || line.Sequence > last)
                {
                    await ServerSentEvents.WriteAsync(response, null, line, ct).ConfigureAwait(false);
                    last = line.Sequence;
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
            // The run ended: say how, then end the stream.
            if (tasks.FindTask(id) is { Ok: true, Value: { } task })
            {
                await ServerSentEvents.WriteAsync(response, "end", task, ct).ConfigureAwait(false);
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The follower hung up.
        }
    }
}
