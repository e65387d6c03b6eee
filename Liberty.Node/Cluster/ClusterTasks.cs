using System.Text.Json;
using Akka.Actor;
using Liberty.Node.Management;
using Liberty.Node.Management.Contracts;

namespace Liberty.Node.Cluster;

/// <summary>
/// Runs the task operations other members forward to this node (<c>task start --on NODE</c>...) on its task service and
/// answers what its API would have answered. One per node, at <c>/user/cluster-tasks</c>.
/// </summary>
internal sealed class ClusterTasks : ReceiveActor
{
    /// <summary>The actor's name.</summary>
    public const string Name = "cluster-tasks";

    /// <summary>Creates the actor (use <see cref="Props"/>).</summary>
    /// <param name="tasks">This node's task service.</param>
    public ClusterTasks(ITaskService tasks)
    {
        ReceiveAsync<RemoteTaskRequest>(async request =>
        {
            var sender = Sender;
            var (status, body) = await TaskOperations.RunLocallyAsync(tasks, request, CancellationToken.None);
            sender.Tell(new RemoteTaskReply(status, JsonSerializer.Serialize(body, ApiJson.Options)));
        });
    }

    /// <summary>The recipe.</summary>
    /// <param name="tasks">This node's task service.</param>
    /// <returns>Props.</returns>
    public static Props Props(ITaskService tasks) => Akka.Actor.Props.Create(() => new ClusterTasks(tasks));
}
