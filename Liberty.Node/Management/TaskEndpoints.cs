using System.Text.Json;
using System.Threading.Channels;

namespace Liberty.Node.Management;

/// <summary>
/// <c>/api/tasks</c>: start (<c>{app, function, arguments, name}</c>), list, show, stop, resume, reset, delete, logs
/// (and <c>?follow=true</c>: server-sent events, one <c>data:</c> line of JSON per log line).
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
        app.MapGet("/api/tasks", () => Results.Json(tasks.ListTasks(), ManagementApi.Json));
        app.MapPost("/api/tasks", async (HttpRequest request, CancellationToken ct) =>
        {
            using var body = await RequestJson.ReadObjectAsync(request, ct).ConfigureAwait(false);
            var appName = RequestJson.RequiredString(body.RootElement, "app");
            var function = RequestJson.RequiredString(body.RootElement, "function");
            var arguments = RequestJson.OptionalRawJson(body.RootElement, "arguments", allowString: false);
            var name = RequestJson.OptionalString(body.RootElement, "name");
            var result = await tasks.StartTaskAsync(appName, function, arguments, name, ct).ConfigureAwait(false);
            return result.Ok
                ? Results.Json(result.Value, ManagementApi.Json, statusCode: StatusCodes.Status201Created)
                : throw ManagementApi.ToException(result.Kind, result.Error, result.Kind == ServiceErrorKind.NotFound ? "$.app" : "$.arguments");
        });
        app.MapGet("/api/tasks/{id}", (string id) => Answer(tasks.FindTask(RequestJson.Id(id, "id"))));
        app.MapPost("/api/tasks/{id}/stop", async (string id, CancellationToken ct) => Answer(await tasks.StopTaskAsync(RequestJson.Id(id, "id"), ct).ConfigureAwait(false)));
        app.MapPost("/api/tasks/{id}/resume", async (string id, CancellationToken ct) => Answer(await tasks.ResumeTaskAsync(RequestJson.Id(id, "id"), ct).ConfigureAwait(false)));
        app.MapPost("/api/tasks/{id}/reset", async (string id, CancellationToken ct) => Answer(await tasks.ResetTaskAsync(RequestJson.Id(id, "id"), ct).ConfigureAwait(false)));
        app.MapDelete("/api/tasks/{id}", async (string id, HttpContext context) =>
        {
            var taskId = RequestJson.Id(id, "id");
            var force = RequestJson.QueryBool(context.Request, "force");
            var result = await tasks.DeleteTaskAsync(taskId, force, context.RequestAborted).ConfigureAwait(false);
            return result.Ok ? Results.Json(new { deleted = taskId }, ManagementApi.Json) : throw ManagementApi.ToException(result.Kind, result.Error, "id");
        });
        app.MapGet("/api/tasks/{id}/logs", async (string id, HttpContext context) =>
        {
            var taskId = RequestJson.Id(id, "id");
            var max = RequestJson.QueryInt(context.Request, "max", DefaultLogLines, 0, MaxLogLines);
            var follow = RequestJson.QueryBool(context.Request, "follow");
            if (!follow)
            {
                var lines = tasks.GetLogs(taskId, max);
                return lines.Ok ? Results.Json(lines.Value, ManagementApi.Json) : throw ManagementApi.ToException(lines.Kind, lines.Error, "id");
            }
            await FollowAsync(tasks, taskId, max, context).ConfigureAwait(false);
            return Results.Empty;
        });
    }

    private static IResult Answer(ServiceResult<TaskView> result) =>
        result.Ok ? Results.Json(result.Value, ManagementApi.Json) : throw ManagementApi.ToException(result.Kind, result.Error, "id");

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
        using var _ = subscription.Value!;
        var backlog = tasks.GetLogs(id, max);
        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // The follow ends when the client hangs up or the node stops, whichever comes first.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var ct = linked.Token;
        long last = 0;
        try
        {
            foreach (var line in backlog.Value ?? [])
            {
                await WriteEventAsync(response, line, ct).ConfigureAwait(false);
                last = line.Sequence;
            }
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            await foreach (var line in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                // Sequence 0: the source has no numbers, so nothing to de-duplicate by.
                if (line.Sequence == 0 || line.Sequence > last)
                {
                    await WriteEventAsync(response, line, ct).ConfigureAwait(false);
                    last = line.Sequence;
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The follower hung up.
        }
    }

    private static Task WriteEventAsync(HttpResponse response, TaskLogLine line, CancellationToken ct) =>
        response.WriteAsync("data: " + JsonSerializer.Serialize(line, ManagementApi.Json) + "\n\n", ct);
}
