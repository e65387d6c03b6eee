using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Liberty.Benchmarks.Kernel;
using Liberty.Node.Lua;

namespace Liberty.Benchmarks.Engine;

/// <summary>
/// A thread switch of the Lua front end: two Lua threads of one task ping-ponging with <c>Libre_Wait(0)</c>
/// (each switch = yield request → engine yield → the other thread's resume), next to the raw
/// <see cref="LuaCoroutine.Resume"/> round trip of one coroutine. Time per switch.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class LuaSwitchBenchmarks : IDisposable
{
    private const int Switches = 100_000;
    private LuaEngineRig _rig = null!;
    private LuaState _state = null!;
    private LuaCoroutine _thread = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rig = new LuaEngineRig();
        _state = new LuaState(new LuaTaskOptions());
        if (!_state.LoadApp("function main() while true do coroutine.yield() end end", "bench.lua").Success
            || !_state.TryGetEntry("main", out var entry))
        {
            throw new InvalidOperationException("benchmark app did not load");
        }
        _thread = _state.CreateThread(entry);
        _thread.Resume();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Switches, Description = "raw LuaCoroutine resume/yield")]
    public void RawResumeYield()
    {
        for (var i = 0; i < Switches; i++)
        {
            _thread.Resume();
        }
    }

    [Benchmark(OperationsPerInvoke = Switches, Description = "Libre_Wait(0) ping-pong, 2 Lua threads")]
    public void WaitZeroPingPong()
    {
        var task = _rig.Run($$"""
            function main()
              Libre_NewThread(function() for i = 1, {{Switches / 2}} do Libre_Wait(0) end end)
              for i = 1, {{Switches / 2}} do Libre_Wait(0) end
            end
            """);
        task.WhenEnded.Wait();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _state?.Dispose();
        _rig?.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(KernelConfigs.Quick ? 1 : 3)
                .WithIterationCount(KernelConfigs.Quick ? 3 : 10)
                .WithToolchain(InProcessEmitToolchain.Instance));
        }
    }
}
