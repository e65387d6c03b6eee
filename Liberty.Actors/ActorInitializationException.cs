namespace Liberty.Actors;

/// <summary>An actor's constructor or <c>PreStart</c> threw; the default strategy stops it.</summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Creates one.</summary>
    public ActorInitializationException() { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    public ActorInitializationException(string message) : base(message) { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public ActorInitializationException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The actor that failed to start.</summary>
    public IActorRef? Actor { get; init; }
}
