using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Liberty.Benchmarks.Kernel;

/// <summary>
/// Job settings of the kernel suites. Set the environment variable <c>LIBERTY_BENCH_QUICK=1</c> for a
/// quick pass (fewer iterations, figures only indicative).
/// </summary>
public static class KernelConfigs
{
    public static bool Quick => Environment.GetEnvironmentVariable("LIBERTY_BENCH_QUICK") is "1" or "true";

    /// <summary>Message benchmarks: a bounded number of iterations, out of process, with allocations per message.</summary>
    public sealed class Messaging : ManualConfig
    {
        public Messaging()
        {
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(Quick ? 1 : 3)
                .WithIterationCount(Quick ? 3 : 10));
            AddColumn(new RateColumn("M msg/s", 1e6));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }

    /// <summary>Actor creation: actors per second, and the bytes per idle actor the benchmark records itself.</summary>
    public sealed class Creation : ManualConfig
    {
        public Creation()
        {
            AddJob(HeavyJob());
            AddColumn(new RateColumn("actors/s", 1));
            AddColumn(new FigureColumn(ActorCreationBenchmarks.RetainedFigure));
            AddColumn(new FigureColumn(ActorCreationBenchmarks.AllocatedFigure));
        }
    }

    /// <summary>Shutting down 1 M actors: seconds.</summary>
    public sealed class Shutdown : ManualConfig
    {
        public Shutdown()
        {
            AddJob(HeavyJob());
            AddColumn(new SecondsColumn());
        }
    }

    /// <summary>
    /// Benchmarks that run a whole scenario per iteration (a node start, a journal load): one invocation per
    /// iteration, in process (so figures they record themselves reach the summary's columns).
    /// </summary>
    public static Job ScenarioJob() => Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(Quick ? 1 : 2)
        .WithIterationCount(Quick ? 3 : 10)
        .WithToolchain(InProcessEmitToolchain.Instance);

    /// <summary>
    /// The 1 M actor benchmarks: one invocation per iteration, few iterations, in process (so the
    /// figures they record themselves reach the summary's columns).
    /// </summary>
    private static Job HeavyJob() => Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(Quick ? 0 : 1)
        .WithIterationCount(Quick ? 1 : 3)
        .WithToolchain(InProcessEmitToolchain.Instance);
}
