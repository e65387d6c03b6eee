namespace Liberty.Actors.Remote;

/// <summary>A message cannot be (de)serialized: its type has no manifest, or the payload does not fit the manifest's type.</summary>
public sealed class SerializationException : Exception
{
    /// <summary>Creates one.</summary>
    public SerializationException() { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    public SerializationException(string message) : base(message) { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public SerializationException(string message, Exception inner) : base(message, inner) { }
}
