namespace Liberty.Node.Engine;

/// <summary>Outcome of <see cref="ITaskContext.WithTimeout{T}"/> / <see cref="ITaskContext.WithDeadline{T}"/> (L3).</summary>
/// <typeparam name="T">The operation's result type.</typeparam>
/// <param name="TimedOut">True when the deadline won: the operation was cancelled (and its cleanup ran) or never started.</param>
/// <param name="Value">The operation's result when it completed first; default otherwise.</param>
public readonly record struct TimeoutResult<T>(bool TimedOut, T? Value);
