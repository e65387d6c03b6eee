namespace Liberty.Actors;

/// <summary>An actor name is malformed or already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ArgumentException
{
    /// <summary>Creates one.</summary>
    public InvalidActorNameException() { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    public InvalidActorNameException(string message) : base(message) { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public InvalidActorNameException(string message, Exception inner) : base(message, inner) { }
}
