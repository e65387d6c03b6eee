namespace Liberty.Actors;

/// <summary>An <c>Ask</c> got no reply within its timeout.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    /// <summary>Creates one.</summary>
    public AskTimeoutException() { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    public AskTimeoutException(string message) : base(message) { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public AskTimeoutException(string message, Exception inner) : base(message, inner) { }
}
