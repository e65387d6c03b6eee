using System.Diagnostics;
using System.Text.RegularExpressions;
using Liberty.Node.Cli;

namespace Liberty.Tests.Cluster;

/// <summary>
/// The README's "Run a three-node cluster on one machine" runs as written: its <c>liberty run</c> lines start three real
/// processes (in a temp folder, so <c>cluster-demo/</c> lands there), then its management lines are run one by one, each a
/// real <c>liberty</c> process, with <c>liberty</c> being the alias the README defines.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class ReadmeClusterTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ThreeNodeClusterSection_RunsAsWritten()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(Hosting.NodeConfigurationTests.FindRepoFile("LibertyCluster.sln"))!, "README.md"));
        var section = readme[readme.IndexOf("## Run a three-node cluster on one machine", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var blocks = CodeBlock().Matches(section).Select(static m => m.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal("dotnet build Liberty.Node", blocks[0][0]);
        Assert.Equal("alias liberty='dotnet Liberty.Node/bin/Debug/net10.0/liberty.dll'", blocks[0][1]);
        var runs = blocks[0].Skip(2).ToList();
        Assert.Equal(3, runs.Count);

        var folder = Directory.CreateTempSubdirectory("liberty-readme-").FullName;
        var nodes = new List<Process>();
        try
        {
            foreach (var line in runs)
            {
                var args = Words(line);
                nodes.Add(Start(folder, args));
            }
            var show = blocks[1][0];
            Assert.Contains("cluster show", show, StringComparison.Ordinal);
            await EventuallyAsync(folder, show, static o => o.Contains("Count: 3 nodes", StringComparison.Ordinal) && Regex.Count(o, @"\| Up \| Reachable \|") == 3);
            // The fleet directory converges within a gossip round or two.
            await EventuallyAsync(folder, blocks[1][1], static o => o.Split('\n').Count(static l => Regex.IsMatch(l, @"^\d+\s+n\d/")) == 18);
            Assert.Matches(@"^\d+\s*$", await RunAsync(folder, blocks[1][2]));
            // The virtual light exists once the task runs; the command then reaches n2's light through the task.
            await EventuallyAsync(folder, blocks[1][3], static o => o.Contains("Success", StringComparison.Ordinal));
            await EventuallyAsync(folder, blocks[1][4], static o => Regex.IsMatch(o, @"0x0006\s+0x0000\s+OnOff\s+on\s+true"));
            Assert.Matches(@"n1\s+\d+\s+\S+\s+combiner\s+ComboOnOff\s+Running", await RunAsync(folder, blocks[1][5]));
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
                node.Dispose();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Words(string line)
    {
        Assert.True(ShellWords.TrySplit(line, out var words, out var error), error);
        Assert.Equal("liberty", words[0]);
        return words;
    }

    private static Process Start(string folder, IReadOnlyList<string> words)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "liberty.dll"));
        foreach (var word in words.Skip(1))
        {
            info.ArgumentList.Add(word);
        }
        var process = Process.Start(info)!;
        // Keep the pipes drained so a chatty node never blocks on its console.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> RunAsync(string folder, string line)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "liberty.dll"));
        foreach (var word in Words(line).Skip(1))
        {
            info.ArgumentList.Add(word);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : $"exit {process.ExitCode}: {await output}{await error}";
    }

    private static async Task EventuallyAsync(string folder, string line, Func<string, bool> done)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < Within)
        {
            last = await RunAsync(folder, line);
            if (done(last))
            {
                return;
            }
            await Task.Delay(500);
        }
        Assert.Fail($"'{line}' did not print what the README promises within {Within}; last:\n{last}");
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
