namespace Liberty.Node.Apps;

/// <summary>A task's counters (the current or last run).</summary>
/// <param name="EventsDropped">Events refused because a thread's queue was full, plus events still queued when a thread ended.</param>
/// <param name="LogLinesSuppressed">Log lines dropped by the rate limit.</param>
/// <param name="MemoryUsed">Bytes its Lua state holds now (0 once ended).</param>
/// <param name="MemoryPeak">The most bytes its Lua state held.</param>
/// <param name="LongestSlice">Its longest slice without yielding.</param>
/// <param name="BusyTime">Total time its threads ran.</param>
/// <param name="Threads">Threads alive now.</param>
/// <param name="LastActivity">When its code last ran (the end of its last slice); null before it ran.</param>
public sealed record TaskStatistics(
    long EventsDropped,
    long LogLinesSuppressed,
    long MemoryUsed,
    long MemoryPeak,
    TimeSpan LongestSlice,
    TimeSpan BusyTime,
    int Threads,
    DateTimeOffset? LastActivity = null)
{
    /// <summary>Nothing counted yet.</summary>
    public static TaskStatistics Empty { get; } = new(0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero, 0);
}
