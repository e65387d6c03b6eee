using System.Diagnostics;
using System.Text;
using Liberty.Tests.Hosting;

namespace Liberty.Tests.Docs;

/// <summary>
/// The operator's first hour, as written: the README's "Start here" node line and its "Manage it" block, and the blocks of
/// docs/getting-started.md, run through <c>bash</c> in a fresh copy of the repository (its tracked and new files, as a clone
/// of this working tree would have them), from its root. The node's terminal and the manager's are two shells. The only
/// change to what a user types: the API port, moved off 9110 through the environment (<c>LIBERTY__Http__Listen</c> for
/// the node, <c>LIBERTY_NODE</c> for the CLI) so the test never meets a node of the machine.
/// </summary>
[Trait("Category", "Process")]
[Collection(FirstHourTests.Alone)]
public sealed class FirstHourTests : IClassFixture<FirstHourTests.FreshCopy>
{
    /// <summary>
    /// Its build from nothing saturates both cores for minutes: it runs alone, after the parallel tests, so the
    /// real-clock and multi-process specs never share the machine with it.
    /// </summary>
    public const string Alone = "first hour, alone";

    /// <summary>A build from nothing and a publish take minutes on a busy 2-core machine.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);

    private readonly FreshCopy _copy;

    public FirstHourTests(FreshCopy copy) => _copy = copy;

    [Fact]
    public async Task Readme_StartHereAndManageIt_RunAsWritten()
    {
        var start = ShellDocs.Lines(Assert.Single(ShellDocs.Blocks("README.md", "## Start here").Take(1)));
        Assert.StartsWith("dotnet run --project Liberty.Node -- run", start[0], StringComparison.Ordinal);
        var manage = Assert.Single(ShellDocs.Blocks("README.md", "### Manage it"));

        var output = await _copy.RunAsync(start[0], manage);

        ExpectLine(output, @"(?m)^Node: +node1\s*$");
        Expect(output, "node1/kitchen-light: Success");
        Expect(output, "App hello deployed: version 1");
        ExpectLine(output, @"(?m)^1\s*$");
        for (var i = 1; i <= 3; i++)
        {
            ExpectLine(output, $@"(?m)^#{i}  \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d  hello world {i}\s*$");
        }
        Expect(output, "Task 1 ended: Stopped");
        // The state is where the user stands, and nothing went into the project's folder.
        Assert.True(File.Exists(Path.Combine(_copy.Root, "data", "admin.token")), "./data/admin.token at the root");
        Assert.False(Directory.Exists(Path.Combine(_copy.Root, "Liberty.Node", "data")), "no data folder inside Liberty.Node/");
    }

    [Fact]
    public async Task GettingStarted_RunsAsWritten()
    {
        var blocks = ShellDocs.Blocks("docs/getting-started.md", "# Getting started");
        Assert.Equal(3, blocks.Count);
        var start = Assert.Single(ShellDocs.Lines(blocks[0]));

        var output = await _copy.RunAsync(start, blocks[1] + blocks[2]);

        ExpectLine(output, @"(?m)^\d+ +node1/outdoor-temperature +.*  -?\d+\.\d\d °C\s*$");
        Expect(output, "node1/living-dimmer: Success");
        ExpectLine(output, @"(?m)^0x0008 +0x0000 +CurrentLevel +\d+ \(\d+ %\) +\d+ ");
        for (var i = 1; i <= 5; i++)
        {
            ExpectLine(output, $@"(?m)^#{i}  \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d  hello world {i}\s*$");
        }
        Expect(output, "Task 1 ended: Stopped");
        ExpectLine(output, @"(?m)^1 +\S+ +hello +Hello +Stopped\b");
        ExpectLine(output, @"(?m)^State: +Running\b");
        ExpectLine(output, @"(?m)^State: +Disabled\b");
    }

    private static void Expect(string output, string text) =>
        Assert.True(output.Contains(text, StringComparison.Ordinal), $"'{text}' expected in what the commands printed:\n{output}");

    private static void ExpectLine(string output, string pattern) =>
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output, pattern), $"a line matching {pattern} expected in what the commands printed:\n{output}");

    /// <summary>
    /// A copy of the repository's tracked and new (not ignored) files in a temp folder, shared by the tests of the class:
    /// its builds stay (they are the slow part); each test starts without <c>data/</c>, <c>.liberty/</c> or <c>hello.lua</c>.
    /// </summary>
    public sealed class FreshCopy : IDisposable
    {
        public FreshCopy()
        {
            Root = Directory.CreateTempSubdirectory("liberty-first-hour-").FullName;
            var list = new ProcessStartInfo("git") { WorkingDirectory = ShellDocs.RepositoryRoot, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "ls-files", "-z", "--cached", "--others", "--exclude-standard" })
            {
                list.ArgumentList.Add(arg);
            }
            using var git = Process.Start(list)!;
            var files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
            git.WaitForExit();
            Assert.True(git.ExitCode == 0 && files.Length > 0, "git ls-files listed nothing: the test needs a git checkout");
            foreach (var file in files)
            {
                var source = Path.Combine(ShellDocs.RepositoryRoot, file);
                if (File.Exists(source))
                {
                    var target = Path.Combine(Root, file);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(source, target);
                }
            }
        }

        public string Root { get; }

        /// <summary>
        /// Starts the node with <paramref name="nodeLine"/> in one shell, waits until it answers, runs
        /// <paramref name="manage"/> in a second shell to its end, stops the node.
        /// </summary>
        /// <returns>What the second shell printed; the test fails when it did not exit 0.</returns>
        public async Task<string> RunAsync(string nodeLine, string manage)
        {
            foreach (var leftover in new[] { "data", ".liberty" })
            {
                if (Directory.Exists(Path.Combine(Root, leftover)))
                {
                    Directory.Delete(Path.Combine(Root, leftover), recursive: true);
                }
            }
            File.Delete(Path.Combine(Root, "hello.lua"));
            var port = NodeProcess.FreePort();
            var nodeOutput = new StringBuilder();
            using var node = ShellDocs.StartShell(Root, nodeLine, new Dictionary<string, string> { ["LIBERTY__Http__Listen"] = $"127.0.0.1:{port}" }, nodeOutput);
            try
            {
                await NodeProcess.AwaitHealthyAsync(port, node, Patience, () =>
                {
                    lock (nodeOutput)
                    {
                        return Task.FromResult(nodeOutput.ToString());
                    }
                });
                var (code, output) = await ShellDocs.RunShellAsync(Root, manage, new Dictionary<string, string> { ["LIBERTY_NODE"] = $"http://127.0.0.1:{port}" }, Patience);
                Assert.True(code == 0, $"the commands ended with exit code {code}:\n{output}");
                return output;
            }
            finally
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
            }
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}

/// <summary>The collection of <see cref="FirstHourTests"/>: not run in parallel with anything.</summary>
[CollectionDefinition(FirstHourTests.Alone, DisableParallelization = true)]
public sealed class FirstHourGroup;
