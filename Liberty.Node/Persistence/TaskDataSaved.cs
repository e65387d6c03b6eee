namespace Liberty.Node.Persistence;

/// <summary>Event: one standalone value of a task's data was written, or erased when <paramref name="Value"/> is null (manifest "node.TaskDataSaved").</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Name">The value's name.</param>
/// <param name="Value">The value, or null to erase it.</param>
internal sealed record TaskDataSaved(long TaskId, string Name, string? Value);
