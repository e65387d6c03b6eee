namespace Liberty.Node.Engine.Io;

/// <summary>One handle of a <see cref="ITaskContext.PollHandles"/> call and what to wait for.</summary>
/// <param name="Handle">The handle.</param>
/// <param name="Interest">Readable, Writable, and Closed / Error when those should be reported too.</param>
public readonly record struct PollRequest(IoHandle Handle, IoReadiness Interest);
