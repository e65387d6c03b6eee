namespace Liberty.Node.Management.Contracts;

/// <summary>The task manager's counters as the API shows them (in <c>GET /api/node</c> under <c>tasks</c>).</summary>
/// <param name="EventsDropped">Events the tasks lost to full queues or dead letters, over every task's current or last run.</param>
/// <param name="LogLinesSuppressed">Log lines suppressed by the rate limits, over every task.</param>
/// <param name="LuaMemoryBytes">Bytes held by the Lua states of the running tasks.</param>
internal sealed record TaskStatisticsView(long EventsDropped, long LogLinesSuppressed, long LuaMemoryBytes);
