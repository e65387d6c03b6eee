using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
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
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(KernelConfigs.Quick ? 1 : 2)
            .WithIterationCount(KernelConfigs.Quick ? 3 : 10)
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(new RateColumn("ops/s", 1));
    }
}
