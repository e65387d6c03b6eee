namespace Liberty.Node.Management.Contracts;

/// <summary>One line of the node's recent log (<c>log peek</c>).</summary>
/// <param name="Sequence">Position in the node's log since start, from 1.</param>
/// <param name="Time">When it was logged (the node's TimeProvider).</param>
/// <param name="Level">The level name (Information, Warning ...).</param>
/// <param name="Category">The logger's category.</param>
/// <param name="EventId">The stable event id (0 when none).</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception's type and message (no stack), or null.</param>
internal sealed record RecentLogEntry(long Sequence, DateTimeOffset Time, string Level, string Category, int EventId, string Message, string? Exception);
