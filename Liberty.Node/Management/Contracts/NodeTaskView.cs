using System.Text.Json;

namespace Liberty.Node.Management.Contracts;

/// <summary>A task of some node of the cluster (<c>GET /api/tasks?on=all</c>): a <see cref="TaskView"/> with its node first.</summary>
/// <param name="Node">The node it runs on.</param>
/// <param name="Id">The task's id (on that node).</param>
/// <param name="Name">Its name.</param>
/// <param name="App">The app it runs.</param>
/// <param name="Function">The app function it called.</param>
/// <param name="State">Running, Stopped, Disabled or Error.</param>
/// <param name="Reason">Why it is in Error (or Stopped/Disabled), or null.</param>
/// <param name="Arguments">Its arguments, or null.</param>
/// <param name="Traceback">The Lua traceback of its error, or null.</param>
/// <param name="Statistics">The counters of its current or last run, or null.</param>
internal sealed record NodeTaskView(string Node, long Id, string Name, string App, string Function, string State, string? Reason, JsonElement? Arguments,
    string? Traceback, TaskRunStatisticsView? Statistics)
{
    /// <summary>A task of <paramref name="node"/>.</summary>
    /// <param name="node">The node.</param>
    /// <param name="task">The task as that node shows it.</param>
    /// <returns>The view.</returns>
    public static NodeTaskView From(string node, TaskView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(node, task.Id, task.Name, task.App, task.Function, task.State, task.Reason, task.Arguments, task.Traceback, task.Statistics);
    }
}
