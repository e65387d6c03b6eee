using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Liberty.Devices.Actors;
using Liberty.Node.Hosting;

namespace Liberty.Benchmarks.Cluster;

/// <summary>
/// Three (or more) real nodes in this process: each a <see cref="LibertyNode"/> started as <c>liberty run</c> starts it,
/// on its own temp data folder (SQLite journal), <c>Http:Listen</c> 127.0.0.1:0 and a free loopback cluster port, the
/// first member the only seed. They talk over real Akka.Remote TCP; only the process (thread pool, GC) is shared, which
/// is what makes the send timestamps of one node comparable with the receive clock of another.
/// </summary>
internal sealed class InProcessCluster : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "liberty-bench-cluster-" + Guid.NewGuid().ToString("N"));

    private InProcessCluster(IReadOnlyList<LibertyNode> nodes) => Nodes = nodes;

    /// <summary>The nodes, named <c>n1..nN</c>.</summary>
    public IReadOnlyList<LibertyNode> Nodes { get; private set; }

    /// <summary>Starts <paramref name="count"/> nodes concurrently and waits until the first sees all of them Up.</summary>
    /// <param name="count">How many nodes.</param>
    /// <param name="within">How long they may take to be Up.</param>
    /// <param name="settings">Configuration keys for every node, in environment form without the prefix (<c>Engine__X</c>).</param>
    public static async Task<InProcessCluster> StartAsync(int count, TimeSpan within, params (string Key, string Value)[] settings)
    {
        var cluster = new InProcessCluster([]);
        var ports = Enumerable.Range(0, count).Select(_ => FreePort()).ToList();
        var seed = "127.0.0.1:" + ports[0].ToString(CultureInfo.InvariantCulture);
        var starts = Enumerable.Range(0, count).Select(i => StartNodeAsync(Path.Combine(cluster._root, Name(i)), Name(i), ports[i], seed, settings)).ToList();
        try
        {
            cluster.Nodes = await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var start in starts.Where(static s => s.IsCompletedSuccessfully))
            {
                await start.Result.StopAsync();
            }
            throw;
        }
        var clock = Stopwatch.StartNew();
        while (UpMembers(cluster.Nodes[0]) < count)
        {
            if (clock.Elapsed > within)
            {
                await cluster.DisposeAsync();
                throw new TimeoutException($"the {count} in-process nodes were not all Up within {within}");
            }
            await Task.Delay(50);
        }
        return cluster;
    }

    /// <summary>Members <paramref name="observer"/> sees Up and reachable.</summary>
    public static int UpMembers(LibertyNode observer) =>
        observer.Services.Cluster!.GetState().Members.Count(static m => m.Status == "Up" && m.Reachability == "Reachable");

    /// <summary>Deploys an app on a node (fails loudly).</summary>
    public static async Task DeployAsync(LibertyNode node, string name, string source, string? signature)
    {
        var deployed = await node.Services.Tasks.DeployAppAsync(name, source, signature, null, CancellationToken.None);
        if (!deployed.Ok)
        {
            throw new InvalidOperationException($"{node.Options.Name}: deploy {name}: {deployed.Error}");
        }
    }

    /// <summary>Starts a task on a node (fails loudly) and returns its id.</summary>
    public static async Task<long> StartTaskAsync(LibertyNode node, string app, string function, object arguments)
    {
        var started = await node.Services.Tasks.StartTaskAsync(app, function, JsonSerializer.Serialize(arguments), null, CancellationToken.None);
        if (!started.Ok)
        {
            throw new InvalidOperationException($"{node.Options.Name}: start {app}.{function}: {started.Error}");
        }
        return started.Value!.Id;
    }

    /// <summary>Waits until the node's device directory lists the device, local or remote as asked.</summary>
    public static async Task<DeviceEntry> AwaitDeviceAsync(LibertyNode node, string fullName, bool remote, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (node.Services.Directory.TryFind(fullName, out var entry) && entry.IsRemote == remote)
            {
                return entry;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{node.Options.Name} did not list {(remote ? "remote" : "local")} device {fullName} within {within}");
    }

    public async ValueTask DisposeAsync()
    {
        // The members leave one by one (the last alone), as nodes of a fleet stop.
        foreach (var node in Nodes.Reverse())
        {
            await node.StopAsync();
        }
        for (var attempt = 0; attempt < 10 && Directory.Exists(_root); attempt++)
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still closing (the journal, the folder lock): try again shortly.
                await Task.Delay(200);
            }
        }
    }

    private static string Name(int i) => "n" + (i + 1).ToString(CultureInfo.InvariantCulture);

    private static async Task<LibertyNode> StartNodeAsync(string folder, string name, int clusterPort, string seed, (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?> { [NodeConfiguration.EnvironmentPrefix + "Node__DeploySampleApps"] = "false" };
        foreach (var (key, value) in settings)
        {
            environment[NodeConfiguration.EnvironmentPrefix + key] = value;
        }
        var flags = new NodeConfiguration.Flags(DataFolder: folder, Http: "127.0.0.1:0", Name: name, Seeds: [seed],
            ClusterPort: clusterPort.ToString(CultureInfo.InvariantCulture));
        var problems = NodeConfiguration.TryLoad(flags, environment, out var options);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }
        var started = await LibertyNode.StartAsync(options, null, CancellationToken.None);
        return started.Node ?? throw new InvalidOperationException($"{name}: " + string.Join("; ", started.Errors));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
