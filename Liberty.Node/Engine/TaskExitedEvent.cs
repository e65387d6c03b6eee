namespace Liberty.Node.Engine;

/// <summary>A watched task ended: its last thread ended (E7).</summary>
/// <param name="Task">The task.</param>
/// <param name="State">Its final state.</param>
/// <param name="Reason">The error, when <paramref name="State"/> is <see cref="TaskState.Error"/>.</param>
public sealed record TaskExitedEvent(TaskRun Task, TaskState State, string? Reason) : ExitedEvent;
