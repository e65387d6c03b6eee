namespace Liberty.Node.Management.Contracts;

/// <summary>The tasks of a node in its status (<c>GET /api/node</c> under <c>tasks</c>).</summary>
/// <param name="Total">How many tasks it has.</param>
/// <param name="ByState">How many are in each state (Running, Stopped, Disabled, Error), every state listed.</param>
/// <param name="EngineTasks">How many engine tasks run (a task's Lua state and threads).</param>
/// <param name="EventsDropped">Events the tasks lost to full queues or dead letters (see <see cref="TaskStatisticsView"/>).</param>
/// <param name="LogLinesSuppressed">Log lines suppressed by the rate limits.</param>
/// <param name="LuaMemoryBytes">Bytes held by the Lua states of the running tasks.</param>
internal sealed record NodeTasksView(int Total, IReadOnlyDictionary<string, int> ByState, int EngineTasks, long EventsDropped, long LogLinesSuppressed, long LuaMemoryBytes);
