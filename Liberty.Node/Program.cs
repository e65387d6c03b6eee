using Liberty.Node.Cli;

namespace Liberty.Node;

internal static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.In, Console.Out, Console.Error, CancellationToken.None);
}
