namespace Liberty.Node.Apps;

/// <summary>The node's task counters (<see cref="TaskManager.GetStatistics"/>).</summary>
/// <param name="Running">Tasks Running.</param>
/// <param name="Disabled">Tasks Disabled.</param>
/// <param name="Stopped">Tasks Stopped.</param>
/// <param name="Error">Tasks in Error.</param>
/// <param name="EventsDropped">Events dropped (full queues, dead letters) over every task's current or last run.</param>
/// <param name="LogLinesSuppressed">Log lines suppressed by the rate limits, over every task.</param>
/// <param name="MemoryUsed">Bytes held by the Lua states of running tasks.</param>
/// <param name="Apps">Apps deployed.</param>
public sealed record NodeTaskStatistics(int Running, int Disabled, int Stopped, int Error, long EventsDropped, long LogLinesSuppressed, long MemoryUsed, int Apps);
