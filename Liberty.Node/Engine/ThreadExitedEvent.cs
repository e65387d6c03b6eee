namespace Liberty.Node.Engine;

/// <summary>A watched thread ended (E7).</summary>
/// <param name="Thread">The thread.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">The failure, for <see cref="ThreadOutcome.Failed"/> and <see cref="ThreadOutcome.Killed"/>.</param>
public sealed record ThreadExitedEvent(TaskThread Thread, ThreadOutcome Outcome, string? Reason) : ExitedEvent;
