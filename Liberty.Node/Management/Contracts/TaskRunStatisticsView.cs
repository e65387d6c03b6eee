namespace Liberty.Node.Management.Contracts;

/// <summary>One task's counters (its current or last run) as the API shows them (in <c>GET /api/tasks/{id}</c> under <c>statistics</c>).</summary>
/// <param name="Threads">Threads alive now.</param>
/// <param name="EventsDropped">Events refused because a thread's queue was full, plus events still queued when a thread ended.</param>
/// <param name="LogLinesSuppressed">Log lines dropped by the rate limit.</param>
/// <param name="LuaMemoryBytes">Bytes its Lua state holds now (0 once ended).</param>
/// <param name="LuaMemoryPeakBytes">The most bytes its Lua state held.</param>
/// <param name="LongestSliceMilliseconds">Its longest slice without yielding, in milliseconds.</param>
/// <param name="BusyMilliseconds">Total time its threads ran, in milliseconds.</param>
/// <param name="LastActivity">When its code last ran; null before it ran.</param>
internal sealed record TaskRunStatisticsView(
    int Threads,
    long EventsDropped,
    long LogLinesSuppressed,
    long LuaMemoryBytes,
    long LuaMemoryPeakBytes,
    double LongestSliceMilliseconds,
    double BusyMilliseconds,
    DateTimeOffset? LastActivity = null);
