using System.Diagnostics;
using System.Text.RegularExpressions;
using Liberty.Tests.Docs;

namespace Liberty.Tests.Cluster;

/// <summary>
/// The README's "Run a three-node cluster on one machine" runs as written: its <c>liberty run</c> lines start three real
/// processes (in a temp folder, so <c>cluster-demo/</c> lands there), then its management lines are run one by one, each a
/// real <c>liberty</c> process, with <c>liberty</c> being the alias the README defines.
/// </summary>
[Trait("Category", "Process")]
public sealed class ReadmeClusterTests
{
    [Fact]
    public async Task ThreeNodeClusterSection_RunsAsWritten()
    {
        var blocks = ShellDocs.Blocks("README.md", "## Run a three-node cluster on one machine").Select(ShellDocs.Lines).ToList();
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
                nodes.Add(ShellDocs.StartLiberty(folder, line));
            }
            var show = blocks[1][0];
            Assert.Contains("cluster show", show, StringComparison.Ordinal);
            await ShellDocs.EventuallyAsync(folder, show, static o => o.Contains("Count: 3 nodes", StringComparison.Ordinal) && Regex.Count(o, @"\| Up \| Reachable \|") == 3);
            // The fleet directory converges within a gossip round or two.
            await ShellDocs.EventuallyAsync(folder, blocks[1][1], static o => o.Split('\n').Count(static l => Regex.IsMatch(l, @"^\d+\s+n\d/")) == 18);
            Assert.Matches(@"^\d+\s*$", await ShellDocs.RunLibertyAsync(folder, blocks[1][2]));
            // The virtual light exists once the task runs; the command then reaches n2's light through the task.
            await ShellDocs.EventuallyAsync(folder, blocks[1][3], static o => o.Contains("Success", StringComparison.Ordinal));
            await ShellDocs.EventuallyAsync(folder, blocks[1][4], static o => Regex.IsMatch(o, @"0x0006\s+0x0000\s+OnOff\s+on\s+true"));
            Assert.Matches(@"n1\s+\d+\s+\S+\s+combiner\s+ComboOnOff\s+Running", await ShellDocs.RunLibertyAsync(folder, blocks[1][5]));
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
}
