using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Liberty.Benchmarks.Kernel;
using Liberty.Node.Engine;
using Liberty.Node.Hosting;
using Liberty.Node.Persistence;

namespace Liberty.Benchmarks.Node;

/// <summary>
/// Recovery through the real node start: a SQLite journal holding <see cref="Tasks"/> tasks (<see cref="Running"/> of
/// them Running, the rest Disabled) of one app, written once in the global setup; each operation starts a
/// <see cref="LibertyNode"/> on that folder (the journal read back, the task manager recovering every task and starting
/// the Running ones, the devices, Kestrel) until <c>/health</c> answers 200, then stops it. The figure is the
/// start-to-ready time in milliseconds.
/// </summary>
[Config(typeof(Config))]
public class NodeRecoveryBenchmarks
{
    /// <summary>Tasks in the journal.</summary>
    public const int Tasks = 10_000;

    /// <summary>Of which Running (started again at recovery).</summary>
    public const int Running = 100;

    private const string Figure = "ms to ready";

    private const string App = """
        function main(n)
          Libre_Wait()
        end
        """;

    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "liberty-bench-recovery-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        WriteJournalAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public void RecoverTenThousandTasks()
    {
        var stopwatch = Stopwatch.StartNew();
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: _folder, Http: "127.0.0.1:0"), new Dictionary<string, string?>(), out var options);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }
        options.DeploySampleApps = false;
        var started = LibertyNode.StartAsync(options, null, CancellationToken.None).GetAwaiter().GetResult();
        var node = started.Node ?? throw new InvalidOperationException(string.Join("; ", started.Errors));
        using (var http = new HttpClient { BaseAddress = node.BaseAddress })
        {
            http.GetAsync("/health").GetAwaiter().GetResult().EnsureSuccessStatusCode();
        }
        KernelFigures.Record(nameof(RecoverTenThousandTasks), Figure, stopwatch.Elapsed.TotalMilliseconds);
        var tasks = node.Services.Tasks.ListTasks();
        var running = tasks.Count(static t => t.State == nameof(TaskState.Running));
        node.StopAsync().GetAwaiter().GetResult();
        if (tasks.Count != Tasks || running != Running)
        {
            throw new InvalidOperationException($"recovered {tasks.Count} tasks ({running} Running); expected {Tasks} ({Running})");
        }
    }

    private async Task WriteJournalAsync()
    {
        var host = PersistenceHost.Start(new PersistenceOptions { DataFolder = _folder });
        await using (host)
        {
            var store = host.Store;
            await store.LoadAsync();
            var now = DateTimeOffset.UtcNow;
            await store.SaveAppAsync(new AppRecord("load", 1, App, null, now));
            var writes = new List<Task>(Tasks);
            for (var id = 1; id <= Tasks; id++)
            {
                var state = id % (Tasks / Running) == 0 ? TaskState.Running : TaskState.Disabled;
                writes.Add(store.SaveTaskAsync(new TaskRecord(id, $"task-{id}", "load", 1, "main", $"[{id}]", state, null, null, now)));
            }
            await Task.WhenAll(writes);
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(KernelConfigs.ScenarioJob());
            AddColumn(new FigureColumn(Figure));
        }
    }
}
