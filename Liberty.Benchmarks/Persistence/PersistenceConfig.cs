using BenchmarkDotNet.Configs;
using Liberty.Benchmarks.Kernel;

namespace Liberty.Benchmarks.Persistence;

/// <summary>
/// Journal benchmarks: in process (the PostgreSQL server the setup starts lives with the benchmark),
/// one invocation per iteration, few iterations (<c>LIBERTY_BENCH_QUICK=1</c>: fewer still).
/// </summary>
public sealed class PersistenceConfig : ManualConfig
{
    public PersistenceConfig()
    {
        AddJob(KernelConfigs.ScenarioJob());
        AddColumn(new RateColumn("ops/s", 1));
    }
}
