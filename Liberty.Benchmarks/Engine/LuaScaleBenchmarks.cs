using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Liberty.Benchmarks.Kernel;
using Liberty.Node.Engine;
using Liberty.Node.Lua.Api;

namespace Liberty.Benchmarks.Engine;

/// <summary>
/// Scenarios of the Lua front end at scale, each one invocation that records its own figures (printed as
/// "// Benchmark: value figure" and shown as columns): the RSS of 10,000 idle Lua tasks; the watchdog's kill
/// latency over its limit and how late another task's 10 ms waits wake while the hog runs (the hand-off keeps
/// them going; <see cref="HandOffBenchmarks"/> measures that with 100 ms tickers); the lateness of
/// <c>Libre_Wait(100)</c> with 1,000 tasks waiting.
/// </summary>
[Config(typeof(Config))]
public class LuaScaleBenchmarks
{
    public const string RssFigure = "MB RSS";
    public const string PerTaskFigure = "KB/task";
    public const string ManagedPerTaskFigure = "managed KB/task";
    public const string LuaPerTaskFigure = "Lua KB/task";
    public const string KillLatencyFigure = "kill ms over limit";
    public const string NeighbourLateFigure = "neighbour max late ms";
    public const string P50Figure = "p50 late ms";
    public const string P99Figure = "p99 late ms";

    [Benchmark(Description = "10,000 idle Lua tasks")]
    public void IdleTasks()
    {
        const int count = 10_000;
        using var rig = new LuaEngineRig();
        Settle();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var managedBefore = GC.GetTotalMemory(true);
        var tasks = new List<LuaRun>(count);
        for (var i = 0; i < count; i++)
        {
            tasks.Add(rig.Run("function main(n) Libre_Wait() end", "main", (long)i));
        }
        // Every task has reached its wait once the live thread counts are stable and the log is quiet.
        var deadline = Stopwatch.StartNew();
        while (tasks.Any(t => t.Threads.Count == 0) && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(50);
        }
        Thread.Sleep(500);
        Settle();
        var after = Process.GetCurrentProcess().WorkingSet64;
        KernelFigures.Record(nameof(IdleTasks), LuaPerTaskFigure, tasks.Average(t => t.Lua.MemoryUsed) / 1024.0);
        KernelFigures.Record(nameof(IdleTasks), ManagedPerTaskFigure, (GC.GetTotalMemory(true) - managedBefore) / 1024.0 / count);
        var delta = after - before;
        KernelFigures.Record(nameof(IdleTasks), RssFigure, after / 1048576.0);
        KernelFigures.Record(nameof(IdleTasks), PerTaskFigure, delta / 1024.0 / count);
        GC.KeepAlive(tasks);
    }

    [Benchmark(Description = "watchdog kill (limit 1 s) next to a 10 ms ticker")]
    public void WatchdogKill()
    {
        var limit = TimeSpan.FromSeconds(1);
        using var rig = new LuaEngineRig(new EngineOptions { WatchdogLimit = limit, WatchdogCheckInterval = TimeSpan.FromMilliseconds(50) });
        // Each tick is written with its deadline (seconds on the monotonic clock) as the point's time.
        var ticker = rig.Run("""
            function main()
              local s = Libre_DataOpenTimeSeries("late")
              while true do
                local t = liberty.monotonic()
                Libre_Wait(10)
                Libre_DataWriteTimeSeries(s, (liberty.monotonic() - t) * 1000 - 10, t + 0.01)
              end
            end
            """);
        Thread.Sleep(300);
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        var frozen = rig.Run("function main() while true do end end");
        frozen.WhenEnded.Wait();
        var ended = clock.GetTimestamp();
        var killed = clock.GetElapsedTime(started, ended);
        Thread.Sleep(300);
        var points = ticker.Data.FindSeries(1)!.Read(Seconds(started), Seconds(ended), int.MaxValue);
        // The hand-off moves the neighbour to a fresh scheduler thread once the frozen slice is past its threshold:
        // the figure is the worst lateness of the neighbour's waits due while the frozen task ran.
        var worst = points.Count == 0 ? double.NaN : points.Max(p => p.Value);
        KernelFigures.Record(nameof(WatchdogKill), KillLatencyFigure, (killed - limit).TotalMilliseconds);
        KernelFigures.Record(nameof(WatchdogKill), NeighbourLateFigure, Math.Max(0, worst));
        if (frozen.State != TaskState.Error || ticker.State != TaskState.Running)
        {
            throw new InvalidOperationException($"frozen {frozen.State} ({frozen.Reason}), ticker {ticker.State}");
        }
    }

    [Benchmark(Description = "Libre_Wait(100) lateness, 1,000 tasks")]
    public void WaitLateness()
    {
        const int count = 1000;
        using var rig = new LuaEngineRig();
        var tasks = new List<LuaRun>(count);
        for (var i = 0; i < count; i++)
        {
            tasks.Add(rig.Run("""
                function main()
                  local s = Libre_DataOpenTimeSeries("late")
                  Libre_Wait(math.random(0, 100))
                  for i = 1, 30 do
                    local t = liberty.monotonic()
                    Libre_Wait(100)
                    Libre_DataWriteTimeSeries(s, (liberty.monotonic() - t) * 1000 - 100)
                  end
                end
                """));
        }
        foreach (var task in tasks)
        {
            task.WhenEnded.Wait(TimeSpan.FromMinutes(2));
        }
        var late = tasks.SelectMany(t => t.Data.FindSeries(1)?.Read(double.NegativeInfinity, double.PositiveInfinity, int.MaxValue) ?? [])
            .Select(p => p.Value).Order().ToArray();
        KernelFigures.Record(nameof(WaitLateness), P50Figure, late[late.Length / 2]);
        KernelFigures.Record(nameof(WaitLateness), P99Figure, late[(int)(late.Length * 0.99)]);
    }

    private static double Seconds(long timestamp) => timestamp / (double)TimeProvider.System.TimestampFrequency;

    private static void Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(0)
                .WithIterationCount(KernelConfigs.Quick ? 1 : 3)
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(new FigureColumn(RssFigure));
            AddColumn(new FigureColumn(PerTaskFigure));
            AddColumn(new FigureColumn(ManagedPerTaskFigure));
            AddColumn(new FigureColumn(LuaPerTaskFigure));
            AddColumn(new FigureColumn(KillLatencyFigure));
            AddColumn(new FigureColumn(NeighbourLateFigure));
            AddColumn(new FigureColumn(P50Figure));
            AddColumn(new FigureColumn(P99Figure));
        }
    }
}
