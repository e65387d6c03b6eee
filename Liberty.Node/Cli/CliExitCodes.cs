namespace Liberty.Node.Cli;

/// <summary>The exit codes of the <c>liberty</c> client commands.</summary>
internal static class CliExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The node refused or failed the request (its reason is printed).</summary>
    public const int NodeFailure = 1;

    /// <summary>Bad usage: unknown command, missing argument, unreadable file, bad JSON in an option.</summary>
    public const int Usage = 2;

    /// <summary>The node cannot be reached, or it refused the token.</summary>
    public const int Unreachable = 3;
}
