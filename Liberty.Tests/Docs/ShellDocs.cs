using System.Diagnostics;
using System.Text.RegularExpressions;
using Liberty.Node.Cli;

namespace Liberty.Tests.Docs;

/// <summary>
/// Runs the shell blocks of the documentation as written: finds a section's <c>```sh</c> blocks, and runs their lines
/// either as <c>liberty</c> commands (the <c>liberty</c> of this build, for a section that defines that alias) or
/// through <c>bash</c>, exactly as a user types them in a terminal.
/// </summary>
internal static partial class ShellDocs
{
    /// <summary>The repository root (the folder of <c>LibertyCluster.sln</c>).</summary>
    public static string RepositoryRoot { get; } = Path.GetDirectoryName(Hosting.NodeConfigurationTests.FindRepoFile("LibertyCluster.sln"))!;

    /// <summary>The <c>```sh</c> blocks of the section under <paramref name="heading"/> (to the next heading of its level or above).</summary>
    /// <param name="file">The Markdown file, relative to the repository root.</param>
    /// <param name="heading">The heading line, e.g. <c>## Start here</c>.</param>
    /// <returns>Each block's text.</returns>
    public static IReadOnlyList<string> Blocks(string file, string heading)
    {
        var text = "\n" + File.ReadAllText(Path.Combine(RepositoryRoot, file)).ReplaceLineEndings("\n");
        var start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{file} has no section '{heading}'");
        var level = heading.TakeWhile(static c => c == '#').Count();
        var next = Regex.Match(text[(start + heading.Length + 2)..], $@"(?m)^#{{1,{level}}} ");
        var section = next.Success ? text.Substring(start, heading.Length + 2 + next.Index) : text[start..];
        return [.. ShellBlock().Matches(section).Select(static m => m.Groups[1].Value)];
    }

    /// <summary>A block's command lines: trimmed, empty ones dropped.</summary>
    /// <param name="block">The block.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<string> Lines(string block) => block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Starts a long-running <c>liberty</c> line (a node) in <paramref name="folder"/>, its output drained.</summary>
    /// <param name="folder">The working folder.</param>
    /// <param name="line">A line starting with <c>liberty</c>.</param>
    /// <returns>The process; kill it when done.</returns>
    public static Process StartLiberty(string folder, string line) => Drained(Process.Start(LibertyInfo(folder, line))!);

    /// <summary>Runs a <c>liberty</c> line to its end.</summary>
    /// <param name="folder">The working folder.</param>
    /// <param name="line">A line starting with <c>liberty</c>.</param>
    /// <returns>Its standard output when it exits 0, else <c>exit N: </c> and everything it wrote.</returns>
    public static Task<string> RunLibertyAsync(string folder, string line) => RunToEndAsync(LibertyInfo(folder, line));

    /// <summary>Runs <paramref name="line"/> until <paramref name="done"/> accepts its output, within a minute.</summary>
    /// <param name="folder">The working folder.</param>
    /// <param name="line">A line starting with <c>liberty</c>.</param>
    /// <param name="done">Whether the output is what the documentation promises.</param>
    /// <returns>When it is.</returns>
    public static async Task EventuallyAsync(string folder, string line, Func<string, bool> done)
    {
        var within = TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < within)
        {
            last = await RunLibertyAsync(folder, line);
            if (done(last))
            {
                return;
            }
            await Task.Delay(500);
        }
        Assert.Fail($"'{line}' did not print what the documentation promises within {within}; last:\n{last}");
    }

    /// <summary>Starts <paramref name="script"/> in <c>bash</c> in the background (a terminal running a node), its output kept.</summary>
    /// <param name="folder">The working folder.</param>
    /// <param name="script">The lines, as written.</param>
    /// <param name="environment">Variables to set.</param>
    /// <param name="output">Collects what it writes.</param>
    /// <returns>The process; kill its tree when done.</returns>
    public static Process StartShell(string folder, string script, IReadOnlyDictionary<string, string> environment, System.Text.StringBuilder output)
    {
        var process = Process.Start(ShellInfo(folder, script, environment))!;
        void Collect(object? _, DataReceivedEventArgs e)
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs <paramref name="script"/> in <c>bash -e</c> (one terminal: an <c>export</c> holds for the lines after it) to its end.</summary>
    /// <param name="folder">The working folder.</param>
    /// <param name="script">The lines, as written.</param>
    /// <param name="environment">Variables to set.</param>
    /// <param name="patience">How long it may take.</param>
    /// <returns>The exit code and everything it wrote (stdout and stderr interleaved as they came).</returns>
    public static async Task<(int Code, string Output)> RunShellAsync(string folder, string script, IReadOnlyDictionary<string, string> environment, TimeSpan patience)
    {
        var output = new System.Text.StringBuilder();
        using var process = StartShell(folder, "set -e\n" + script, environment, output);
        using var wait = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the commands did not finish within {patience}:\n{script}\nthey wrote:\n{output}");
        }
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static ProcessStartInfo ShellInfo(string folder, string script, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return info;
    }

    private static ProcessStartInfo LibertyInfo(string folder, string line)
    {
        Assert.True(ShellWords.TrySplit(line, out var words, out var error), error);
        Assert.Equal("liberty", words[0]);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "liberty.dll"));
        foreach (var word in words.Skip(1))
        {
            info.ArgumentList.Add(word);
        }
        return info;
    }

    private static Process Drained(Process process)
    {
        // Keep the pipes drained so a chatty node never blocks on its console.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> RunToEndAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : $"exit {process.ExitCode}: {await output}{await error}";
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
