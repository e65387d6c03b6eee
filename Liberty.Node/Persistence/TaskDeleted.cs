namespace Liberty.Node.Persistence;

/// <summary>Event: a task and its data were deleted (manifest "node.TaskDeleted").</summary>
/// <param name="TaskId">The task.</param>
internal sealed record TaskDeleted(long TaskId);
