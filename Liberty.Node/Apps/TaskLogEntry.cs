namespace Liberty.Node.Apps;

/// <summary>One line of a task's log.</summary>
/// <param name="Time">When it was written (the node's clock).</param>
/// <param name="Level">0 trace, 1 debug, 2 info, 3 warning, 4 error, 5 fatal (Liberty's levels).</param>
/// <param name="Thread">The Lua thread that wrote it; 0 for the node's own lines (errors, suppression notes).</param>
/// <param name="Text">The text, at most 1,024 characters by default.</param>
public sealed record TaskLogEntry(DateTimeOffset Time, int Level, long Thread, string Text)
{
    /// <summary>Its position in the task's log, from 1 (kept across the task's runs); 0 for an entry not written to a log.</summary>
    public long Sequence { get; init; }
}
