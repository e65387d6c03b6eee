using BenchmarkDotNet.Attributes;
using Liberty.Node.Persistence;

namespace Liberty.Benchmarks.Persistence;

/// <summary>
/// Journal appends per second ("ops/s"), each append one event acknowledged only when durable: one appender
/// awaiting every append, and 16 concurrent appenders (each on its own entity) whose appends the writer
/// batches into shared transactions. SQLite (WAL, synchronous=FULL) and PostgreSQL (local, synchronous_commit on).
/// </summary>
[Config(typeof(PersistenceConfig))]
public class JournalAppendBenchmarks
{
    private const int Appends = 1_600;
    private BenchStore _bench = null!;
    private SqlJournalStore _store = null!;
    private long[] _next = [];

    [Params(PersistenceProvider.Sqlite, PersistenceProvider.PostgreSql)]
    public PersistenceProvider Provider { get; set; }

    [Params(1, 16)]
    public int Appenders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = BenchStore.CreateAsync(Provider).GetAwaiter().GetResult();
        var serializer = new PayloadSerializer();
        serializer.Register<BenchEvent>("bench.Event");
        _store = SqlJournalStore.Create(_bench.Options, serializer, TimeProvider.System);
        _next = Enumerable.Repeat(1L, Appenders).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Appends)]
    public void Append() =>
        Task.WhenAll(Enumerable.Range(0, Appenders).Select(a => Task.Run(() => AppendAsync(a, Appends / Appenders)))).GetAwaiter().GetResult();

    private async Task AppendAsync(int appender, int count)
    {
        var pid = "bench-" + appender;
        for (var i = 0; i < count; i++)
        {
            var sequenceNr = _next[appender]++;
            var result = await _store.AppendAsync(new AtomicWrite(pid, sequenceNr, [new BenchEvent(sequenceNr, "Running", "state change " + sequenceNr)]));
            if (!result.IsStored)
            {
                throw new InvalidOperationException($"append {sequenceNr} of {pid}: {result.Status}");
            }
        }
    }
}
