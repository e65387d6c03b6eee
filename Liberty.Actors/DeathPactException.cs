namespace Liberty.Actors;

/// <summary>An actor did not handle the <see cref="Terminated"/> of an actor it watched; the default strategy stops it.</summary>
public sealed class DeathPactException : Exception
{
    /// <summary>Creates one.</summary>
    public DeathPactException() { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    public DeathPactException(string message) : base(message) { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public DeathPactException(string message, Exception inner) : base(message, inner) { }
}
