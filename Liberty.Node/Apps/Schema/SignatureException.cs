namespace Liberty.Node.Apps.Schema;

/// <summary>Thrown inside <see cref="AppSignature"/>'s parser only and turned into its error.</summary>
internal sealed class SignatureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SignatureException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The path and the reason.</param>
    public SignatureException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The path and the reason.</param>
    /// <param name="inner">The cause.</param>
    public SignatureException(string message, Exception inner) : base(message, inner)
    {
    }
}
