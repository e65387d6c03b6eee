using System.Diagnostics;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Liberty.Benchmarks.Kernel;
using Liberty.Node.Hosting;

namespace Liberty.Benchmarks.Node;

/// <summary>
/// The node as a whole. <see cref="StartToReady"/>: a node with the embedded defaults (six simulated devices, the
/// SQLite journal, the sample apps) on a fresh temp data folder, from <c>StartAsync</c> to the first 200 from
/// <c>/health</c>, then stopped. <see cref="ApiLatencyTasks"/> and <see cref="ApiLatencyDevices"/>: 100 concurrent
/// clients each sending <see cref="RequestsPerClient"/> requests; the figures are the p50 and p99 latency in
/// microseconds (one sample per iteration, the mean over iterations printed).
/// </summary>
[Config(typeof(Config))]
public class NodeBenchmarks : IDisposable
{
    /// <summary>Concurrent API clients.</summary>
    public const int Clients = 100;

    /// <summary>Requests each client sends per operation.</summary>
    public const int RequestsPerClient = 20;

    private const string P50 = "p50 µs";
    private const string P99 = "p99 µs";

    private LibertyNode? _node;
    private string _folder = "";
    private HttpClient? _http;

    [GlobalSetup(Targets = [nameof(ApiLatencyTasks), nameof(ApiLatencyDevices)])]
    public void SetupApi()
    {
        _node = StartNode(out _folder);
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = _node.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _node.Token);
    }

    [GlobalCleanup(Targets = [nameof(ApiLatencyTasks), nameof(ApiLatencyDevices)])]
    public void CleanupApi()
    {
        _http!.Dispose();
        _node!.StopAsync().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public void StartToReady()
    {
        var stopwatch = Stopwatch.StartNew();
        var node = StartNode(out var folder);
        using (var http = new HttpClient { BaseAddress = node.BaseAddress })
        {
            http.GetAsync("/health").GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }
        KernelFigures.Record(nameof(StartToReady), "ms to ready", stopwatch.Elapsed.TotalMilliseconds);
        node.StopAsync().GetAwaiter().GetResult();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Clients * RequestsPerClient)]
    public void ApiLatencyTasks() => Measure(nameof(ApiLatencyTasks), "/api/tasks");

    [Benchmark(OperationsPerInvoke = Clients * RequestsPerClient)]
    public void ApiLatencyDevices() => Measure(nameof(ApiLatencyDevices), "/api/devices");

    private void Measure(string benchmark, string path)
    {
        var latencies = new double[Clients * RequestsPerClient];
        // 100 asynchronous clients, not 100 blocked pool threads: blocking ones starve the thread pool that Kestrel and
        // the node share with them, and the starvation (seconds, while the pool grows) would be measured as latency.
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < RequestsPerClient; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await _http!.GetAsync(path).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                latencies[(client * RequestsPerClient) + i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        })).ToArray();
        Task.WhenAll(clients).GetAwaiter().GetResult();
        Array.Sort(latencies);
        KernelFigures.Record(benchmark, P50, latencies[latencies.Length / 2]);
        KernelFigures.Record(benchmark, P99, latencies[(int)(latencies.Length * 0.99)]);
    }

    public void Dispose()
    {
        _http?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static LibertyNode StartNode(out string folder)
    {
        folder = Path.Combine(Path.GetTempPath(), "liberty-bench-" + Guid.NewGuid().ToString("N"));
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: folder, Http: "127.0.0.1:0"), new Dictionary<string, string?>(), out var options);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }
        var started = LibertyNode.StartAsync(options, null, CancellationToken.None).GetAwaiter().GetResult();
        return started.Node ?? throw new InvalidOperationException(string.Join("; ", started.Errors));
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(KernelConfigs.ScenarioJob());
            AddColumn(new FigureColumn("ms to ready"));
            AddColumn(new FigureColumn(P50));
            AddColumn(new FigureColumn(P99));
        }
    }
}
