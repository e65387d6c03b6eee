using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Liberty.Benchmarks.Kernel;
using Liberty.Node.Engine;

namespace Liberty.Benchmarks.Engine;

/// <summary>
/// The hand-off (event-model S8, docs/architecture.md, "Performance targets": other tasks' timers ≤ 150 ms late <b>while</b> a hog runs).
/// One task hogs the cooperative thread for about 2 s without yielding while a neighbour task runs a 100 ms ticker;
/// once the hog's slice is past the hand-off threshold (100 ms) the executor continues the queue on a fresh thread.
/// The figures are the lateness of the neighbour's ticks that fall due while the hog runs (wake time minus
/// deadline): "max late ms", "p99 late ms" (nearest rank; about 20 ticks fall due during the hog, so it equals the
/// maximum), "p50 late ms", how many such ticks there were, the hog's measured run time and the hand-offs the executor
/// made. Each scenario is one invocation (real time, in process).
/// <list type="bullet">
/// <item><see cref="CSharpHog"/>: C# tasks; the hog spins (<see cref="Thread.SpinWait"/>, checking
/// <see cref="TimeProvider.System"/>) for 2 s, the ticker loops <c>ctx.SleepFor(100 ms)</c>; watchdog at its
/// default limit (5 s), so the hog ends by itself.</item>
/// <item><see cref="LuaHog"/>: Lua tasks; the hog is <c>while true do end</c> and the watchdog (limit 2.5 s) kills
/// it, the ticker loops <c>Libre_Wait(100)</c>.</item>
/// </list>
/// </summary>
[Config(typeof(Config))]
public class HandOffBenchmarks
{
    public const string MaxLateFigure = "max late ms";
    public const string P99Figure = "p99 late ms";
    public const string P50Figure = "p50 late ms";
    public const string TicksFigure = "ticks during hog";
    public const string HogFigure = "hog ms";
    public const string HandOffsFigure = "hand-offs";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan HogTime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LuaWatchdogLimit = TimeSpan.FromMilliseconds(2500);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(500);

    [Benchmark(Description = "C# hog spinning 2 s next to a C# SleepFor(100 ms) ticker")]
    public void CSharpHog()
    {
        using var rig = new LuaEngineRig(new EngineOptions());
        var clock = TimeProvider.System;
        // (deadline, lateness) of every tick, deadline in seconds of the clock's timestamp.
        var ticks = new ConcurrentQueue<(double Deadline, double LateMs)>();
        rig.Host.StartTask("ticker", async ctx =>
        {
            while (true)
            {
                var start = clock.GetTimestamp();
                await ctx.SleepFor(Tick).ConfigureAwait(true);
                ticks.Enqueue((Seconds(start) + Tick.TotalSeconds, (clock.GetElapsedTime(start) - Tick).TotalMilliseconds));
            }
        });
        Thread.Sleep(Settle);
        var handOffs = rig.Host.Executor.HandOffCount;
        var ran = new TaskCompletionSource<(long Start, long End)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var hog = rig.Host.StartTask("hog", _ =>
        {
            var start = clock.GetTimestamp();
            while (clock.GetElapsedTime(start) < HogTime)
            {
                Thread.SpinWait(100);
            }
            ran.SetResult((start, clock.GetTimestamp()));
            return Task.CompletedTask;
        });
        var (hogStart, hogEnd) = ran.Task.GetAwaiter().GetResult();
        hog.WhenEnded.GetAwaiter().GetResult();
        Thread.Sleep(Settle);
        Record(nameof(CSharpHog), ticks, Seconds(hogStart), Seconds(hogEnd), rig.Host.Executor.HandOffCount - handOffs);
        if (hog.State != TaskState.Stopped)
        {
            throw new InvalidOperationException($"the hog ended {hog.State}");
        }
    }

    [Benchmark(Description = "Lua while-true hog (watchdog 2.5 s) next to a Lua Libre_Wait(100) ticker")]
    public void LuaHog()
    {
        using var rig = new LuaEngineRig(new EngineOptions { WatchdogLimit = LuaWatchdogLimit });
        var ticker = rig.Run("""
            function main()
              local s = Libre_DataOpenTimeSeries("late")
              while true do
                local t = liberty.monotonic()
                Libre_Wait(100)
                Libre_DataWriteTimeSeries(s, (liberty.monotonic() - t) * 1000 - 100, t + 0.1)
              end
            end
            """);
        Thread.Sleep(Settle);
        var handOffs = rig.Host.Executor.HandOffCount;
        var clock = TimeProvider.System;
        var hogStart = clock.GetTimestamp();
        var hog = rig.Run("function main() while true do end end");
        hog.WhenEnded.GetAwaiter().GetResult();
        var hogEnd = clock.GetTimestamp();
        Thread.Sleep(Settle);
        var points = ticker.Data.FindSeries(1)?.Read(double.NegativeInfinity, double.PositiveInfinity, int.MaxValue) ?? [];
        Record(nameof(LuaHog), points.Select(p => (p.Time, p.Value)), Seconds(hogStart), Seconds(hogEnd), rig.Host.Executor.HandOffCount - handOffs);
        if (hog.State != TaskState.Error || ticker.State != TaskState.Running)
        {
            throw new InvalidOperationException($"hog {hog.State} ({hog.Reason}), ticker {ticker.State} ({ticker.Reason})");
        }
    }

    /// <summary>Records the lateness of the ticks due between <paramref name="from"/> and <paramref name="to"/> (seconds).</summary>
    internal static void Record(string benchmark, IEnumerable<(double Deadline, double LateMs)> ticks, double from, double to, long handOffs)
    {
        var late = ticks.Where(t => t.Deadline >= from && t.Deadline <= to).Select(t => Math.Max(0, t.LateMs)).Order().ToArray();
        KernelFigures.Record(benchmark, HogFigure, (to - from) * 1000);
        KernelFigures.Record(benchmark, TicksFigure, late.Length);
        KernelFigures.Record(benchmark, HandOffsFigure, handOffs);
        if (late.Length == 0)
        {
            throw new InvalidOperationException($"{benchmark}: the neighbour had no tick due while the hog ran (it is stuck behind the hog)");
        }
        KernelFigures.Record(benchmark, MaxLateFigure, late[^1]);
        KernelFigures.Record(benchmark, P99Figure, late[Math.Min(late.Length - 1, (int)Math.Ceiling(late.Length * 0.99) - 1)]);
        KernelFigures.Record(benchmark, P50Figure, late[(late.Length - 1) / 2]);
    }

    private static double Seconds(long timestamp) => timestamp / (double)TimeProvider.System.TimestampFrequency;

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
            AddColumn(new FigureColumn(MaxLateFigure));
            AddColumn(new FigureColumn(P99Figure));
            AddColumn(new FigureColumn(P50Figure));
            AddColumn(new FigureColumn(TicksFigure));
            AddColumn(new FigureColumn(HogFigure));
            AddColumn(new FigureColumn(HandOffsFigure));
        }
    }
}
