using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Liberty.Node.Cluster;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Management;

/// <summary>
/// The task operations of the API, run here or on another member of the cluster (<c>?on=NODE</c>): a forwarded
/// operation runs on the target through its <see cref="ClusterTasks"/> actor and answers exactly what that node's API
/// would have answered.
/// </summary>
internal static class TaskOperations
{
    /// <summary>How long a forwarded operation may take (a stop waits for the task to end).</summary>
    public static readonly TimeSpan ForwardTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs <paramref name="request"/> on the node named <paramref name="on"/> (this node when null or empty).</summary>
    /// <param name="node">This node.</param>
    /// <param name="request">The operation.</param>
    /// <param name="on">The target node's name, or null.</param>
    /// <param name="cancellationToken">Abandons the wait (not the operation).</param>
    /// <returns>The answer.</returns>
    public static async Task<IResult> RunAsync(NodeServices node, RemoteTaskRequest request, string? on, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(on) || on == node.Name)
        {
            var (status, body) = await RunLocallyAsync(node.Tasks, request, cancellationToken).ConfigureAwait(false);
            return Results.Json(body, ApiJson.Options, statusCode: status);
        }
        var reply = await ForwardAsync(node, FindMember(node, on), request, cancellationToken).ConfigureAwait(false);
        return Results.Content(reply.Json, "application/json", System.Text.Encoding.UTF8, reply.Status);
    }

    /// <summary>Every Up member's tasks, each with its <c>node</c>; a member that does not answer is listed in <c>unanswered</c>.</summary>
    /// <param name="node">This node.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The <see cref="TasksEverywhereView"/>.</returns>
    public static async Task<IResult> ListEverywhereAsync(NodeServices node, CancellationToken cancellationToken)
    {
        IEnumerable<Member> others = node.Cluster?.Cluster.State.Members.Where(m => m.Status == MemberStatus.Up && NodeRole.NameOf(m) is { Length: > 0 } name && name != node.Name) ?? [];
        var answers = await Task.WhenAll(others.Select(async m =>
        {
            try
            {
                return (Name: NodeRole.NameOf(m), Reply: await ForwardAsync(node, m, new RemoteTaskRequest("list"), cancellationToken).ConfigureAwait(false));
            }
            catch (ApiException)
            {
                return (Name: NodeRole.NameOf(m), Reply: (RemoteTaskReply?)null);
            }
        })).ConfigureAwait(false);
        var tasks = node.Tasks.ListTasks().Select(t => NodeTaskView.From(node.Name, t)).ToList();
        var unanswered = new List<string>();
        foreach (var (name, reply) in answers.OrderBy(static a => a.Name, StringComparer.Ordinal))
        {
            if (reply is { Status: 200 } && ReadTasks(reply.Json) is { } list)
            {
                tasks.AddRange(list.Select(t => NodeTaskView.From(name, t)));
            }
            else
            {
                unanswered.Add(name);
            }
        }
        return Results.Json(new TasksEverywhereView(tasks, unanswered), ApiJson.Options);
    }

    // A member's task list, or null when its answer is not one (a member of another version, a broken answer).
    private static List<TaskView>? ReadTasks(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<TaskView>>(json, ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Runs an operation on this node's task service.</summary>
    /// <param name="tasks">The task service.</param>
    /// <param name="request">The operation.</param>
    /// <param name="cancellationToken">Abandons the wait.</param>
    /// <returns>The HTTP status and the body (a refusal's body is an <see cref="ApiError"/>).</returns>
    public static async Task<(int Status, object Body)> RunLocallyAsync(ITaskService tasks, RemoteTaskRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return request.Verb switch
            {
                "list" => (200, tasks.ListTasks()),
                "show" => Answer(tasks.FindTask(request.Id)),
                "start" => await StartAsync(tasks, request, cancellationToken).ConfigureAwait(false),
                "stop" => Answer(await tasks.StopTaskAsync(request.Id, cancellationToken).ConfigureAwait(false)),
                "resume" => Answer(await tasks.ResumeTaskAsync(request.Id, cancellationToken).ConfigureAwait(false)),
                "reset" => Answer(await tasks.ResetTaskAsync(request.Id, cancellationToken).ConfigureAwait(false)),
                "arguments" => await ChangeArgumentsAsync(tasks, request, cancellationToken).ConfigureAwait(false),
                "delete" => await DeleteAsync(tasks, request, cancellationToken).ConfigureAwait(false),
                "logs" => Logs(tasks, request),
                _ => throw ApiException.BadRequest($"unknown task operation '{request.Verb}'.", "verb"),
            };
        }
        catch (ApiException e)
        {
            return (e.Status, e.Body);
        }
    }

    private static async Task<(int, object)> StartAsync(ITaskService tasks, RemoteTaskRequest request, CancellationToken cancellationToken)
    {
        var result = await tasks.StartTaskAsync(request.App!, request.Function!, request.Arguments, request.Name, cancellationToken).ConfigureAwait(false);
        return result.Ok
            ? (StatusCodes.Status201Created, result.Value!)
            : throw ManagementApi.ToException(result.Kind, result.Error, result.Path ?? (result.Kind == ServiceErrorKind.NotFound ? "$.app" : "$.arguments"));
    }

    private static async Task<(int, object)> ChangeArgumentsAsync(ITaskService tasks, RemoteTaskRequest request, CancellationToken cancellationToken)
    {
        var result = await tasks.ChangeArgumentsAsync(request.Id, request.Arguments, cancellationToken).ConfigureAwait(false);
        return result.Ok ? (200, result.Value!) : throw ManagementApi.ToException(result.Kind, result.Error, result.Path ?? (result.Kind == ServiceErrorKind.NotFound ? "id" : "$.arguments"));
    }

    private static async Task<(int, object)> DeleteAsync(ITaskService tasks, RemoteTaskRequest request, CancellationToken cancellationToken)
    {
        var result = await tasks.DeleteTaskAsync(request.Id, request.Force, cancellationToken).ConfigureAwait(false);
        return result.Ok ? (200, new TaskDeletedView(request.Id)) : throw ManagementApi.ToException(result.Kind, result.Error, "id");
    }

    private static (int, object) Logs(ITaskService tasks, RemoteTaskRequest request)
    {
        var lines = tasks.GetLogs(request.Id, request.Max);
        return lines.Ok ? (200, lines.Value!) : throw ManagementApi.ToException(lines.Kind, lines.Error, "id");
    }

    private static (int, object) Answer(ServiceResult<TaskView> result) =>
        result.Ok ? (200, result.Value!) : throw ManagementApi.ToException(result.Kind, result.Error, "id");

    private static Member FindMember(NodeServices node, string on)
    {
        if (node.Cluster is not { } cluster)
        {
            throw ApiException.NotFound($"no node '{on}': this node runs alone (it is '{node.Name}').", "on");
        }
        if (!cluster.TryFind(on, out var member) || member.Status is not (MemberStatus.Up or MemberStatus.WeaklyUp))
        {
            throw ApiException.NotFound($"no node '{on}' is Up in the cluster ('cluster show' lists the members).", "on");
        }
        return member;
    }

    private static async Task<RemoteTaskReply> ForwardAsync(NodeServices node, Member member, RemoteTaskRequest request, CancellationToken cancellationToken)
    {
        var name = ClusterLog.NodeName(member);
        if (node.Cluster!.Cluster.State.Unreachable.Contains(member))
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, "unavailable", $"node '{name}' is unreachable: the operation was not sent.", "on");
        }
        try
        {
            var target = node.System.ActorSelection(new RootActorPath(member.Address) / "user" / ClusterTasks.Name);
            return await target.Ask<RemoteTaskReply>(request, ForwardTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ApiException(StatusCodes.Status504GatewayTimeout, "timeout", $"node '{name}' did not answer within {ForwardTimeout.TotalSeconds:0} s; the operation may or may not have run there.", "on");
        }
    }
}
