namespace Liberty.Node.Cli;

internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        _ = (args, input, output, error, cancellationToken);
        return Task.FromResult(0);
    }
}
