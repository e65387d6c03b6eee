namespace Liberty.Node.Engine.Io;

/// <summary>What <see cref="ITaskContext.PollHandles"/> found.</summary>
/// <param name="Status">Why it returned.</param>
/// <param name="Ready">Per request, in the same order: the part of its interest that is ready
/// (<see cref="IoReadiness.None"/> for the others; all None when interrupted).</param>
public readonly record struct PollResult(PollStatus Status, IReadOnlyList<IoReadiness> Ready);
