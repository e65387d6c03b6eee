namespace Liberty.Node.Hosting;

/// <summary>The outcome of starting a node.</summary>
/// <param name="Node">The running node, or null when it did not start.</param>
/// <param name="ExitCode">0 when started; else the exit code <c>liberty run</c> returns (<see cref="LibertyNode"/>'s constants).</param>
/// <param name="Errors">Why it did not start, each naming its setting or file.</param>
internal sealed record NodeStartResult(LibertyNode? Node, int ExitCode, IReadOnlyList<string> Errors);
