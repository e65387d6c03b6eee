using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Liberty.Node.Cli;

namespace Liberty.Tests.Cluster;

/// <summary>
/// Membership with real <c>liberty run</c> processes on loopback: forming, <c>cluster show</c>, a killed member
/// reported unreachable then removed, the same member restarted and back, an operator's down (the node restarts itself
/// and rejoins), and a graceful leave on SIGTERM. Times are bounded generously: docs/operating.md gives the figures.
/// </summary>
[Trait("Category", "Process")]
public sealed class ClusterMembershipProcessTests
{
    private static readonly TimeSpan Form = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ThreeNodes_FormKillRestartDownLeave_MembershipTellsTheTruthAtEachStep()
    {
        await using var cluster = NodeCluster.Create(3);
        var (a, b, c) = (cluster.Members[0], cluster.Members[1], cluster.Members[2]);
        await cluster.StartAllAsync();
        await NodeCluster.AwaitMembersAsync(a, Form, a, b, c);
        await NodeCluster.AwaitMembersAsync(c, Form, a, b, c);

        // cluster show from any node: pbm's shape.
        var (code, shown) = await CliAsync(c, "cluster", "show");
        Assert.Equal(0, code);
        var lines = shown.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Count: 3 nodes", lines[^1]);
        foreach (var member in cluster.Members)
        {
            Assert.Contains($"{member.Address} | [node:{member.Name}] | Up | Reachable | ", shown, StringComparison.Ordinal);
        }
        // Members ping each other's monitor every second: each is heard from within a ping or two of forming.
        JsonElement seen = default;
        await Management.ManagementApiTests.AwaitAsync(() =>
        {
            seen = a.Running.Http.GetFromJsonAsync<JsonElement>("/api/node").Result.GetProperty("cluster");
            return seen.GetProperty("members").EnumerateArray().All(static m => m.GetProperty("lastHeard").ValueKind == JsonValueKind.String);
        }, "every member heard from");
        Assert.Contains(seen.GetProperty("leader").GetString(), cluster.Members.Select(static m => m.Address));

        // Tasks of any node, from any node.
        (code, shown) = await CliAsync(a, "--json", "task", "start", "reactive", "Blink", "--args", "[1000, 0]", "--name", "blinker", "--on", "n2");
        Assert.True(code == 0, shown);
        var started = JsonDocument.Parse(shown).RootElement;
        var id = started.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains((await b.Running.Http.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray(), t => t.GetProperty("name").GetString() == "blinker");
        Assert.DoesNotContain((await a.Running.Http.GetFromJsonAsync<JsonElement>("/api/tasks")).EnumerateArray(), t => t.GetProperty("name").GetString() == "blinker");
        (code, shown) = await CliAsync(c, "task", "list", "--all");
        Assert.True(code == 0, shown);
        Assert.Matches($@"n2\s+{id}\s+blinker\s+reactive\s+Blink\s+Running", shown);
        (code, shown) = await CliAsync(c, "task", "stop", id, "--on", "n2");
        Assert.True(code == 0, shown);
        Assert.Contains("Disabled", shown, StringComparison.Ordinal);
        (code, shown) = await CliAsync(a, "task", "show", id, "--on", "nowhere");
        Assert.Equal(1, code);
        Assert.Contains("no node 'nowhere'", shown, StringComparison.Ordinal);

        // kill -9: unreachable, then downed by the split brain resolver and removed.
        await c.KillAsync();
        await WaitAsync(a, v => v.Any(m => m.Node == "n3" && m.Reachability == "Unreachable"), TimeSpan.FromSeconds(20), "n3 unreachable");
        await WaitAsync(a, v => v.All(m => m.Node != "n3"), TimeSpan.FromSeconds(40), "n3 removed");
        Assert.Contains(await a.LogAsync(), l => l.Contains("member n3", StringComparison.Ordinal) && l.Contains("UNREACHABLE", StringComparison.Ordinal));

        // The same address comes back as a new incarnation, without manual steps.
        await c.StartAsync();
        await NodeCluster.AwaitMembersAsync(a, Form, a, b, c);

        // An operator downs it: it is removed, restarts itself (same process) and rejoins.
        var process = c.Running;
        (code, shown) = await CliAsync(a, "cluster", "down", "n3");
        Assert.True(code == 0, shown);
        Assert.Contains(c.Address, shown, StringComparison.Ordinal);
        await WaitAsync(a, v => v.All(m => m.Node != "n3" || m.Status == "Joining"), TimeSpan.FromSeconds(30), "n3 removed after down");
        await NodeCluster.AwaitMembersAsync(a, Form, a, b, c);
        Assert.Same(process, c.Running);
        Assert.False(process.HasExited);
        await AwaitLogAsync(c, "this node joined as", TimeSpan.FromSeconds(30));

        // SIGTERM: a graceful leave, seen as such (never unreachable).
        var exit = await b.TerminateAsync();
        Assert.True(exit == 0, $"n2 exited {exit}:\n{b.LastOutput}");
        await NodeCluster.AwaitMembersAsync(a, TimeSpan.FromSeconds(30), a, c);
        var log = await a.LogAsync();
        Assert.Contains(log, l => l.Contains("member n2", StringComparison.Ordinal) && l.Contains("was removed (it was Exiting)", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("member n2", StringComparison.Ordinal) && l.Contains("UNREACHABLE", StringComparison.Ordinal));

        // An operator's leave: the member goes and its process ends cleanly.
        (code, shown) = await CliAsync(a, "cluster", "leave", "n3");
        Assert.True(code == 0, shown);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!c.Running.HasExited)
            {
                await Task.Delay(100, wait.Token);
            }
        }
        Assert.Equal(0, c.Running.ExitCode);
        await NodeCluster.AwaitMembersAsync(a, TimeSpan.FromSeconds(30), a);
    }

    [Fact]
    public async Task NodeThatCannotReachItsSeeds_SaysSoAndKeepsServing()
    {
        await using var cluster = NodeCluster.Create(1, seedCount: 0);
        var lonely = cluster.Members[0];
        // Its only seed is a port nobody listens on.
        await lonely.StartAsync("--seed", "127.0.0.1:" + Hosting.NodeProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var view = await lonely.ClusterAsync();
        Assert.False(view.GetProperty("joined").GetBoolean());
        var (code, shown) = await CliAsync(lonely, "cluster", "show");
        Assert.Equal(0, code);
        Assert.StartsWith("Not joined yet", shown, StringComparison.Ordinal);
        await AwaitLogAsync(lonely, "not joined after", TimeSpan.FromSeconds(30));
        // Its own tasks and API keep working.
        (code, shown) = await CliAsync(lonely, "task", "start", "reactive", "Blink");
        Assert.True(code == 0, shown);
    }

    private static async Task WaitAsync(NodeCluster.Member observer, Func<IReadOnlyList<NodeCluster.MemberView>, bool> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        JsonElement last = default;
        while (clock.Elapsed < within)
        {
            last = await observer.ClusterAsync();
            if (condition(NodeCluster.Views(last)))
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"{observer.Name}: {what} not seen within {within}: {last}");
    }

    internal static async Task AwaitLogAsync(NodeCluster.Member member, string text, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> log = [];
        while (clock.Elapsed < within)
        {
            try
            {
                log = await member.LogAsync();
                if (log.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The node is restarting (a node turned away restarts to try again): ask its next run.
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{member.Name} never logged '{text}' within {within}:\n{string.Join('\n', log.TakeLast(30))}");
    }

    internal static async Task<(int Code, string Output)> CliAsync(NodeCluster.Member member, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["--node", member.Running.Url, "--data", member.Folder, .. args], TextReader.Null, output, error, CancellationToken.None, static _ => null);
        return (code, output.ToString() + error);
    }
}
