using BenchmarkDotNet.Attributes;
using Liberty.Node.Engine;
using Liberty.Node.Hosting;
using Liberty.Node.Persistence;

namespace Liberty.Benchmarks.Persistence;

/// <summary>
/// Single changes per second ("ops/s") through the node's store (<see cref="AkkaTaskStore"/> on Akka.Persistence.Sql),
/// each <see cref="ITaskStore.SaveTaskAsync"/> acknowledged only once its event is in the journal: one writer awaiting
/// every change, and 16 concurrent writers (each awaiting its own) whose events the tasks entity and the journal
/// batch into shared transactions. SQLite (WAL, synchronous=FULL) and PostgreSQL (local, synchronous_commit on).
/// </summary>
[Config(typeof(PersistenceConfig))]
public class StoreWriteBenchmarks
{
    private const int Writes = 1_600;
    private static readonly DateTimeOffset Created = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    private BenchStore _bench = null!;
    private PersistenceHost _host = null!;
    private long _round;

    [Params(PersistenceProvider.Sqlite, PersistenceProvider.PostgreSql)]
    public PersistenceProvider Provider { get; set; }

    [Params(1, 16)]
    public int Writers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = BenchStore.CreateAsync(Provider).GetAwaiter().GetResult();
        _host = PersistenceHost.Start(_bench.Options);
        _host.Store.LoadAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Writes)]
    public void Write()
    {
        var round = ++_round;
        Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(round, w, Writes / Writers)))).GetAwaiter().GetResult();
    }

    private async Task WriteAsync(long round, int writer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = (round * 1_000_000) + (writer * 10_000) + i;
            await _host.Store.SaveTaskAsync(new TaskRecord(id, "bench", "blink", 1, "main", null, TaskState.Running, "state change " + i, null, Created));
        }
    }
}
