namespace Liberty.Node.Apps.Schema;

/// <summary>Thrown inside <see cref="ArgumentBinder"/> only and turned into <see cref="ArgumentBinding.Error"/>.</summary>
internal sealed class ArgumentBindException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArgumentBindException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The path and the reason.</param>
    public ArgumentBindException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The path and the reason.</param>
    /// <param name="inner">The cause.</param>
    public ArgumentBindException(string message, Exception inner) : base(message, inner)
    {
    }
}
