using BenchmarkDotNet.Attributes;
using Liberty.Node.Engine;
using Liberty.Node.Hosting;
using Liberty.Node.Persistence;

namespace Liberty.Benchmarks.Persistence;

/// <summary>
/// Recovery time of the node's store holding 10,000 tasks, each created and changed three times
/// (40,000 events; default snapshot interval 1,000): start the store on its own actor system (<see cref="PersistenceHost"/>,
/// as the node does), <see cref="AkkaTaskStore.LoadAsync"/>, stop both. "ops/s" is recoveries per second; the Mean
/// column is the time of one recovery.
/// </summary>
[Config(typeof(PersistenceConfig))]
public class RecoveryBenchmarks
{
    private const int Tasks = 10_000;
    private BenchStore _bench = null!;

    [Params(PersistenceProvider.Sqlite, PersistenceProvider.PostgreSql)]
    public PersistenceProvider Provider { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public int Recover() => RecoverAsync().GetAwaiter().GetResult();

    private async Task<int> RecoverAsync()
    {
        var host = PersistenceHost.Start(_bench.Options);
        await using (host)
        {
            var state = await host.Store.LoadAsync();
            if (state.Tasks.Count != Tasks)
            {
                throw new InvalidOperationException($"recovered {state.Tasks.Count} tasks, expected {Tasks}");
            }
            return state.Tasks.Count;
        }
    }

    private async Task SetupAsync()
    {
        _bench = await BenchStore.CreateAsync(Provider);
        var host = PersistenceHost.Start(_bench.Options);
        await using (host)
        {
            var store = host.Store;
            await store.LoadAsync();
            var created = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
            var writes = new List<Task>(Tasks * 4);
            for (var id = 1L; id <= Tasks; id++)
            {
                var task = new TaskRecord(id, "task" + id, "blink", 1, "main", "{\"interval\":5}", TaskState.Running, null, null, created);
                writes.Add(store.SaveTaskAsync(task));
                writes.Add(store.SaveTaskAsync(task with { State = TaskState.Disabled, Reason = "by user" }));
                writes.Add(store.SaveTaskAsync(task with { State = TaskState.Error, Reason = "boom", Traceback = "stack traceback:\n\t[C]: in ?" }));
                writes.Add(store.SaveTaskAsync(task with { State = TaskState.Running }));
            }
            await Task.WhenAll(writes);
        }
    }
}
