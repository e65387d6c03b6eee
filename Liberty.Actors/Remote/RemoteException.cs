namespace Liberty.Actors.Remote;

/// <summary>
/// An exception that happened on another node, as it arrives here (in a <see cref="Status.Failure"/>
/// reply): its original type name and message; the stack trace stays on the other node.
/// </summary>
public sealed class RemoteException : Exception
{
    /// <summary>Creates one.</summary>
    public RemoteException() { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    public RemoteException(string message) : base(message) { }

    /// <summary>Creates one.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The cause.</param>
    public RemoteException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The full name of the original exception type.</summary>
    public string? OriginalType { get; init; }
}
