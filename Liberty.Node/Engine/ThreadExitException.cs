namespace Liberty.Node.Engine;

/// <summary>
/// Thrown by <see cref="ITaskContext.ExitThread()"/> to end the calling thread at once
/// (<c>Libre_ExitThread()</c>, which never returns). Do not catch it; <c>finally</c> blocks run.
/// </summary>
public sealed class ThreadExitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ThreadExitException()
        : base("The task thread exited.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ThreadExitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ThreadExitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
