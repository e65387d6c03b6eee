namespace Liberty.Node.Engine;

/// <summary>Outcome of <see cref="ITaskContext.Interruptible{T}"/> (I2, I3).</summary>
/// <typeparam name="T">The operation's result type.</typeparam>
/// <param name="Interrupted">True when an interrupt ended the region (the "EINTR" of Morelibc).</param>
/// <param name="Value">The operation's result when it completed; default when interrupted.</param>
public readonly record struct InterruptibleResult<T>(bool Interrupted, T? Value);
