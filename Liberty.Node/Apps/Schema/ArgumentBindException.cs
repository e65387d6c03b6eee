namespace Liberty.Node.Apps.Schema;

/// <summary>Thrown inside <see cref="ArgumentBinder"/> only and turned into <see cref="ArgumentBinding.Error"/>.</summary>
internal sealed class ArgumentBindException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArgumentBindException()
    {
    }

    /// <summary>Creates the exception for an error of the whole call.</summary>
    /// <param name="message">The reason.</param>
    public ArgumentBindException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception for an error of one value.</summary>
    /// <param name="path">The value's path by parameter name (<c>groups[1].lights[0]</c>).</param>
    /// <param name="reason">What is wrong with it.</param>
    public ArgumentBindException(string path, string reason) : base($"{path}: {reason}") => Path = path;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="inner">The cause.</param>
    public ArgumentBindException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The path of the value that is wrong, by parameter name; null for an error of the whole call.</summary>
    public string? Path { get; }
}
