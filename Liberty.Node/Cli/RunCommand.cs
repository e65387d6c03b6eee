using System.Runtime.InteropServices;
using Liberty.Node.Hosting;
using Microsoft.Extensions.Logging.Console;

namespace Liberty.Node.Cli;

/// <summary><c>liberty run</c>: loads and validates the configuration, starts a node, waits for SIGTERM/SIGINT, stops it.</summary>
internal static class RunCommand
{
    /// <summary>How long a node removed from its cluster waits before it starts again and rejoins.</summary>
    private static readonly TimeSpan RejoinPause = TimeSpan.FromSeconds(2);

    /// <summary>The longest pause between restarts of a node that keeps being turned away before it joins.</summary>
    private static readonly TimeSpan MaxRejoinPause = TimeSpan.FromMinutes(1);

    /// <summary>Runs a node until a termination signal or <paramref name="cancellationToken"/>.</summary>
    /// <param name="flags">The command-line flags.</param>
    /// <param name="output">Where the banner goes.</param>
    /// <param name="error">Where configuration and start errors go.</param>
    /// <param name="consoleLog">Whether the node logs to the console (the real command); tests pass false.</param>
    /// <param name="cancellationToken">Stops the node like a signal does.</param>
    /// <returns>0 after a clean stop; <see cref="LibertyNode"/>'s exit codes when it did not start.</returns>
    public static async Task<int> RunAsync(NodeConfiguration.Flags flags, TextWriter output, TextWriter error, bool consoleLog, CancellationToken cancellationToken)
    {
        var problems = NodeConfiguration.TryLoad(flags, null, out var options);
        if (problems.Count > 0)
        {
            error.WriteLine($"liberty run: the configuration is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):");
            foreach (var problem in problems)
            {
                error.WriteLine("  " + problem);
            }
            return LibertyNode.ExitInvalidConfiguration;
        }
        var settings = new NodeStartSettings
        {
            HoldTasks = flags.Safe,
            ConfigureLogging = consoleLog
                ? static b => b.AddSimpleConsole(static o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                    o.UseUtcTimestamp = true;
                    o.ColorBehavior = LoggerColorBehavior.Disabled;
                })
                : null,
        };
        // Before the start: the node answers /health during StartAsync, and a SIGTERM that arrives then must
        // still stop it gracefully (after the start completes) rather than kill it.
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var cancelled = cancellationToken.Register(() => stop.TrySetResult());
        var restarts = 0;
        var pause = RejoinPause;
        while (true)
        {
            NodeStartResult started;
            try
            {
                started = await LibertyNode.StartAsync(options, settings, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever a start throws ends `liberty run` with one line and exit 1, not an abort with a stack trace.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                error.WriteLine($"liberty run: the node could not start: {e.Message}{(e.InnerException is { } inner && inner.Message != e.Message ? " (" + inner.GetBaseException().Message + ")" : "")}");
                return LibertyNode.ExitStartFailed;
            }
            if (started.Node is not { } node)
            {
                foreach (var problem in started.Errors)
                {
                    error.WriteLine("liberty run: " + problem);
                }
                return started.ExitCode;
            }
            if (restarts == 0)
            {
                output.WriteLine($"Liberty node '{options.Name}' is running (pid {Environment.ProcessId}).");
                output.WriteLine($"  Console: {node.BaseAddress} (open it in a browser; sign in with the token)");
                output.WriteLine($"  API:    {node.BaseAddress}api/");
                output.WriteLine($"  Token:  {node.TokenFile}");
                output.WriteLine($"  Data:   {node.DataFolder}");
                if (options.Cluster.Enabled)
                {
                    output.WriteLine($"  Cluster: {options.Cluster.Name} on {options.Cluster.AdvertisedHost}:{options.Cluster.Port}, seeds {string.Join(", ", options.Cluster.Seeds)}");
                }
                output.WriteLine($"  Manage: liberty --node {node.BaseAddress.ToString().TrimEnd('/')} --data {node.DataFolder} node status");
                output.WriteLine("Ctrl-C or SIGTERM stops it.");
                output.Flush();
            }
            var ended = await Task.WhenAny(stop.Task, node.RemovedFromCluster).ConfigureAwait(false);
            if (ended == stop.Task)
            {
                output.WriteLine("Stopping...");
                await node.StopAsync().ConfigureAwait(false);
                output.WriteLine("Stopped.");
                break;
            }
            if (node.LeftCluster)
            {
                // An operator asked it to leave (`cluster leave`): it goes, as after SIGTERM.
                output.WriteLine("Left the cluster at an operator's request; stopping...");
                await node.StopAsync().ConfigureAwait(false);
                output.WriteLine("Stopped.");
                break;
            }
            // Removed from the cluster (downed after a partition, or by an operator): an actor system cannot join again,
            // so the node restarts with its state and rejoins through its seeds.
            restarts++;
            // A node turned away before it ever joined (a refused certificate...) backs off, up to a minute between tries.
            pause = node.JoinedCluster ? RejoinPause : TimeSpan.FromTicks(Math.Min(MaxRejoinPause.Ticks, pause.Ticks * 2));
            output.WriteLine($"Removed from the cluster ({node.RemovedFromCluster.Result}); restarting in {pause.TotalSeconds:0} s to rejoin...");
            await node.StopAsync().ConfigureAwait(false);
            if (await Task.WhenAny(stop.Task, Task.Delay(pause, CancellationToken.None)).ConfigureAwait(false) == stop.Task)
            {
                output.WriteLine("Stopped.");
                break;
            }
        }
        return 0;
    }
}
