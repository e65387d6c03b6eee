namespace Liberty.Node.Engine;

/// <summary>
/// Thrown by every engine wait of a thread that is being stopped (its task was stopped, failed or was
/// killed, or another thread ended it). Let it propagate: <c>finally</c> and <c>DisposeAsync</c> run
/// on the way out. Catching it does not cancel the stop: the next engine wait throws again (I5).
/// </summary>
public sealed class ThreadStoppedException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public ThreadStoppedException()
        : base("The task thread is being stopped.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ThreadStoppedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ThreadStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
