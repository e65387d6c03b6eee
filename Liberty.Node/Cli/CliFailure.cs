namespace Liberty.Node.Cli;

/// <summary>
/// A command that cannot complete: its one-line reason goes to stderr and its code becomes the exit code. Thrown from
/// deep inside the client and caught only by <see cref="CliApp"/>'s action wrapper.
/// </summary>
/// <param name="exitCode">One of <see cref="CliExitCodes"/>.</param>
/// <param name="message">The one-line reason.</param>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    /// <summary>The exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
