using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Liberty.Benchmarks.Kernel;

namespace Liberty.Benchmarks.Cluster;

/// <summary>
/// The cluster suites' job: one scenario per invocation, one invocation per iteration, in process (the figures they
/// record reach the summary), and no BenchmarkDotNet warm-up: a scenario warms itself up in its setup, and a warm-up
/// iteration would add its figures to the means.
/// </summary>
internal static class ClusterJobs
{
    /// <summary>3 iterations (quick) or 8.</summary>
    public static Job Scenario() => Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(0)
        .WithIterationCount(KernelConfigs.Quick ? 3 : 8)
        .WithToolchain(InProcessEmitToolchain.Instance);

    /// <summary>Scenarios with real processes that take tens of seconds each (a kill, a join): 2 iterations (quick) or 5.</summary>
    public static Job Processes() => Scenario().WithIterationCount(KernelConfigs.Quick ? 2 : 5);
}
