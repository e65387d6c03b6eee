using Liberty.Node.Engine;

namespace Liberty.Node.Persistence;

/// <summary>Event: a task was created or changed (manifest "node.TaskSaved").</summary>
/// <param name="Task">The task as it is now.</param>
internal sealed record TaskSaved(TaskRecord Task);
