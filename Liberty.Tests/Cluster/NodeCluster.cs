using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Liberty.Tests.Hosting;

namespace Liberty.Tests.Cluster;

/// <summary>
/// Real <c>liberty run</c> processes forming a cluster on loopback: each member has a temp data folder, a free API
/// port and a free cluster port; the first <c>seedCount</c> members are the seeds. Members can be killed (SIGKILL),
/// terminated (SIGTERM) and started again on the same ports.
/// </summary>
internal sealed class NodeCluster : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("liberty-cluster-").FullName;
    private readonly List<Member> _members = [];
    private readonly string[] _extra;

    private NodeCluster(string[] extra) => _extra = extra;

    /// <summary>The members, in start order.</summary>
    public IReadOnlyList<Member> Members => _members;

    /// <summary>Creates the members (not started): names <c>n1..nN</c>, seeds the first <paramref name="seedCount"/>.</summary>
    public static NodeCluster Create(int count, int seedCount = 2, params string[] extra)
    {
        var cluster = new NodeCluster(extra);
        var clusterPorts = Enumerable.Range(0, count).Select(_ => NodeProcess.FreePort()).ToList();
        var seeds = string.Join(",", clusterPorts.Take(seedCount).Select(static p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)));
        for (var i = 0; i < count; i++)
        {
            var name = "n" + (i + 1).ToString(CultureInfo.InvariantCulture);
            cluster._members.Add(new Member(name, Path.Combine(cluster._root, name), NodeProcess.FreePort(), clusterPorts[i], seeds));
        }
        return cluster;
    }

    /// <summary>Starts every member (concurrently) and waits until each answers /health.</summary>
    public async Task StartAllAsync(params string[] extra) => await Task.WhenAll(_members.Select(m => m.StartAsync([.. _extra, .. extra])));

    /// <summary>Waits until <paramref name="observer"/> sees exactly the given members Up and reachable.</summary>
    public static async Task AwaitMembersAsync(Member observer, TimeSpan within, params Member[] expected)
    {
        var names = expected.Select(static m => m.Name).Order(StringComparer.Ordinal).ToList();
        JsonElement last = default;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            last = await observer.ClusterAsync();
            var up = Views(last).Where(static m => m.Status == "Up" && m.Reachability == "Reachable").Select(static m => m.Node).Order(StringComparer.Ordinal).ToList();
            if (up.SequenceEqual(names) && Views(last).Count == names.Count)
            {
                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{observer.Name} did not see exactly [{string.Join(", ", names)}] Up within {within}: {last}");
    }

    /// <summary>The members in an <c>/api/cluster</c> answer.</summary>
    public static IReadOnlyList<MemberView> Views(JsonElement cluster) =>
        [.. cluster.GetProperty("members").EnumerateArray().Select(static m => new MemberView(
            m.GetProperty("node").GetString()!, m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!, m.GetProperty("reachability").GetString()!))];

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_members.Select(static m => m.DisposeAsync().AsTask()));
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing its files; the temp folder is cleaned by the OS eventually.
        }
    }

    /// <summary>A member as <c>/api/cluster</c> lists it.</summary>
    public sealed record MemberView(string Node, string Address, string Status, string Reachability);

    /// <summary>One member: its process (when running) and its fixed ports.</summary>
    internal sealed class Member(string name, string folder, int apiPort, int clusterPort, string seeds) : IAsyncDisposable
    {
        private string[] _extra = [];

        public string Name { get; } = name;

        public string Folder { get; } = folder;

        public int ApiPort { get; } = apiPort;

        public int ClusterPort { get; } = clusterPort;

        public string Address => $"akka.tcp://liberty@127.0.0.1:{ClusterPort.ToString(CultureInfo.InvariantCulture)}";

        public NodeProcess? Process { get; private set; }

        public NodeProcess Running => Process ?? throw new InvalidOperationException($"{Name} is not running");

        /// <summary>Starts the member (again: same folder and ports).</summary>
        public async Task StartAsync(params string[] extra)
        {
            if (extra.Length > 0 || Process is null)
            {
                _extra = extra;
            }
            string[] seed = seeds.Length > 0 ? ["--seed", seeds] : [];
            Process = await NodeProcess.StartOnAsync(Folder, Name, ApiPort, [.. seed, "--cluster-port", ClusterPort.ToString(CultureInfo.InvariantCulture), .. _extra]);
        }

        public async Task KillAsync()
        {
            await Running.KillAsync();
            await Running.DisposeAsync();
            Process = null;
        }

        /// <summary>What the last stopped process wrote (for failure messages).</summary>
        public string LastOutput { get; private set; } = "";

        public async Task<int> TerminateAsync()
        {
            var code = await Running.TerminateAsync();
            LastOutput = await Running.OutputAsync();
            await Running.DisposeAsync();
            Process = null;
            return code;
        }

        public async Task<JsonElement> ClusterAsync() => await Running.Http.GetFromJsonAsync<JsonElement>("/api/cluster");

        /// <summary>The node's recent log messages (<c>/api/log</c>).</summary>
        public async Task<IReadOnlyList<string>> LogAsync()
        {
            var lines = await Running.Http.GetFromJsonAsync<JsonElement>("/api/log?n=1000");
            return [.. lines.EnumerateArray().Select(static l => $"{l.GetProperty("category").GetString()}: {l.GetProperty("message").GetString()}")];
        }

        public async ValueTask DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }
        }
    }
}
