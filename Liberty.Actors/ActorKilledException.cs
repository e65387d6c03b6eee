namespace Liberty.Actors;

/// <summary>Thrown inside an actor that received <see cref="Kill"/>; the default strategy stops it.</summary>
public sealed class ActorKilledException : Exception
{
    /// <summary>Creates one.</summary>
    public ActorKilledException() : base("Kill") { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    public ActorKilledException(string message) : base(message) { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public ActorKilledException(string message, Exception inner) : base(message, inner) { }
}
