using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Liberty.Tests.Cluster;

/// <summary>
/// A network partition with five real processes, each in its own network namespace: split 3/2, the minority downs
/// itself (and its nodes restart to rejoin), the majority removes it and keeps serving; healed, all five are members
/// again.
/// </summary>
[Trait("Category", "Process")]
public sealed class ClusterPartitionProcessTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [NetworkNamespacesFact]
    public async Task FiveNodesSplitThreeTwo_MinorityDownsItself_MajorityServes_HealedTheyRejoin()
    {
        using var net = new NetworkNamespaces(5);
        var root = Directory.CreateTempSubdirectory("liberty-partition-").FullName;
        var nodes = new List<Node>();
        try
        {
            var seeds = $"{net.Address(1)}:4053,{net.Address(2)}:4053";
            for (var i = 1; i <= 5; i++)
            {
                nodes.Add(Node.Start(net, i, Path.Combine(root, "n" + i.ToString(CultureInfo.InvariantCulture)), seeds));
            }
            await Task.WhenAll(nodes.Select(static n => n.AwaitHealthyAsync()));
            await AwaitUpAsync(nodes[0], 5);

            int[] minority = [4, 5];
            net.Partition(minority);

            // The majority removes the minority and keeps serving; each minority node downs itself and restarts.
            await AwaitUpAsync(nodes[0], 3);
            foreach (var node in nodes.Skip(3))
            {
                await EventuallyAsync(() => Task.FromResult(node.Output), static o => o.Contains("Removed from the cluster", StringComparison.Ordinal), $"n{node.Index} downs itself");
            }
            var started = await nodes[1].Http.PostAsJsonAsync("/api/tasks", new { app = "reactive", function = "Blink" });
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());

            net.Heal(minority);
            await AwaitUpAsync(nodes[0], 5);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task AwaitUpAsync(Node observer, int count) =>
        await EventuallyAsync(async () => await observer.Http.GetFromJsonAsync<JsonElement>("/api/cluster"),
            c => NodeCluster.Views(c) is var members && members.Count == count && members.All(static m => m.Status == "Up" && m.Reachability == "Reachable"),
            $"{count} members Up at n{observer.Index}");

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        T last = default!;
        while (clock.Elapsed < Within)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // A node restarting: ask again.
            }
            await Task.Delay(250);
        }
        Assert.Fail($"not seen within {Within}: {what}; last: {last}");
        return last;
    }

    /// <summary>A <c>liberty run</c> in a namespace, its API on its namespace address.</summary>
    private sealed class Node : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly string _folder;

        private Node(int index, Process process, string folder, string api)
        {
            Index = index;
            _process = process;
            _folder = folder;
            Http = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromSeconds(5) };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public int Index { get; }

        public HttpClient Http { get; }

        public string Output => string.Join('\n', _lines);

        public static Node Start(NetworkNamespaces net, int index, string folder, string seeds)
        {
            var info = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            string[] args =
            [
                "netns", "exec", net.Namespace(index), "dotnet", Path.Combine(AppContext.BaseDirectory, "liberty.dll"), "run",
                "--name", "n" + index.ToString(CultureInfo.InvariantCulture), "--data", folder, "--http", $"{net.Address(index)}:9110",
                "--cluster-host", net.Address(index), "--cluster-port", "4053", "--seed", seeds,
            ];
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }
            return new Node(index, Process.Start(info)!, folder, $"http://{net.Address(index)}:9110");
        }

        public async Task AwaitHealthyAsync()
        {
            await EventuallyAsync(async () => (await Http.GetAsync("/health")).IsSuccessStatusCode, static ok => ok, $"n{Index} healthy");
            var token = (await File.ReadAllTextAsync(Path.Combine(_folder, "admin.token"))).Trim();
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        public void Dispose()
        {
            Http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }
}
