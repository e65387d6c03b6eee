namespace Liberty.Node.Apps.Schema;

/// <summary>Thrown inside <see cref="AppSignature"/>'s parser only and turned into its error.</summary>
internal sealed class SignatureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SignatureException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason.</param>
    public SignatureException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="path">Where in the document (<c>Functions[0].Parameters[1]</c>); empty for the whole document.</param>
    /// <param name="reason">What is wrong there.</param>
    public SignatureException(string path, string reason) : base(path.Length == 0 ? reason : $"{path}: {reason}") => Path = path;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="inner">The cause.</param>
    public SignatureException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Where in the document the problem is (relative, without <c>$</c>); empty for the whole document.</summary>
    public string Path { get; } = "";
}
