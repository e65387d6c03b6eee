using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Liberty.Benchmarks.Engine;
using Liberty.Benchmarks.Kernel;
using Liberty.Devices.Actors;
using Liberty.Devices.Bus;
using Liberty.Devices.Model;
using Liberty.Node.Engine;
using Liberty.Node.Lua;
using Liberty.Node.Lua.Api;

namespace Liberty.Benchmarks.Devices;

/// <summary>
/// Device event fan-out to Lua threads (docs/architecture.md, "Performance targets" target: ≥ 1 M deliveries/s to 1,000 subscribed Lua
/// threads). One task runs 1 or 1,000 threads on the cooperative executor; each subscribed with
/// <c>Libre_SetWaitDevice</c> (the bus delivers to its handle's <c>Sink</c>, the thread's event queue) and loops <c>Libre_Wait()</c> + drain <c>Libre_GetEvent()</c> (every event becomes a Lua
/// table). An operation publishes 50,000 deliveries' worth of attribute reports on the <see cref="DeviceEventBus"/> and
/// ends when every thread has taken every report; queues hold them all, so nothing is dropped. "M deliveries/s" =
/// reports × threads per second. Setup also prints a cost breakdown measured in Lua (one API call, one empty
/// <c>Libre_GetEvent</c>, one event-sized Lua table) and cleanup the events per wake.
/// </summary>
[Config(typeof(Config))]
public class LuaThreadFanOutBenchmarks : IDisposable
{
    private const int Deliveries = 50_000;

    private const string App = """
        local function worker(dev)
          Libre_SetWaitDevice(dev)
          Bench_Ready()
          while true do
            Libre_Wait()
            local n = 0
            local ev = Libre_GetEvent()
            while ev do
              n = n + 1
              ev = Libre_GetEvent()
            end
            Bench_Count(n)
          end
        end

        function breakdown(dev)
          local t0 = os.clock()
          for i = 1, 100000 do Libre_DeviceSupportsCluster(dev, 6) end
          local t1 = os.clock()
          for i = 1, 100000 do Libre_GetEvent() end
          local t2 = os.clock()
          for i = 1, 100000 do local t = {t = 1, id = dev, ok = true, c = 8, v = {[0] = 42, [524288] = 42}, s = 7} end
          local t3 = os.clock()
          print(string.format("breakdown: API call %.2f us, GetEvent(empty) %.2f us, Lua table %.2f us", (t1 - t0) * 10, (t2 - t1) * 10, (t3 - t2) * 10))
        end

        function main(dev, threads)
          for i = 1, threads do Libre_NewThread(worker, dev) end
          Libre_Wait()
        end
        """;

    private readonly DeviceEventBus _bus = new();
    private readonly ManualResetEventSlim _done = new();
    private ActorSystem _system = null!;
    private TaskHost _host = null!;
    private LuaRun _task = null!;
    private DeviceEvent _report = null!;
    private long _counted;
    private long _target;
    private int _ready;
    private long _wakes;

    [Params(1, 1000)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var engine = new EngineOptions { EventQueueCapacity = Deliveries + 1, WatchdogLimit = TimeSpan.Zero };
        _system = LuaEngineRig.CreateSystem("fanout", engine);
        _host = new TaskHost(_system, engine);
        var api = new LuaApiBuilder()
            .AddThreadApi()
            .AddLogApi()
            .AddDeviceApi()
            .Add("Bench_Ready", _ =>
            {
                Interlocked.Increment(ref _ready);
                return 0;
            })
            .Add("Bench_Count", ctx =>
            {
                ctx.TryGetInteger(1, "n", out var n, out _);
                Interlocked.Increment(ref _wakes);
                if (Interlocked.Add(ref _counted, n) >= Volatile.Read(ref _target))
                {
                    _done.Set();
                }
                return 0;
            })
            .Build();
        var services = new LuaServices(_host) { Api = api, Devices = new DeviceDirectory(), DeviceBus = _bus };
        var device = DeviceId.Create("gw1", "lamp").Value;
        var breakdown = new LuaRun(services, 99, "breakdown", new LuaTaskDefinition(App, "bench.lua", "breakdown", [DeviceId.Create("gw1", "lamp").Value]));
        breakdown.Start();
        breakdown.WhenEnded.GetAwaiter().GetResult();
        Console.WriteLine("// " + string.Join(" | ", breakdown.TaskLog.Tail(5).Select(e => e.Text)));
        _task = new LuaRun(services, 1, "fanout", new LuaTaskDefinition(App, "bench.lua", "main", [device, (long)Threads]));
        _task.Start();
        var deadline = Environment.TickCount64 + 30_000;
        while (Volatile.Read(ref _ready) < Threads)
        {
            if (Environment.TickCount64 > deadline || _task.State != TaskState.Running)
            {
                throw new InvalidOperationException($"only {_ready} of {Threads} threads subscribed; task {_task.State}: {_task.Reason}");
            }
            Thread.Sleep(10);
        }
        _report = DeviceEvent.ForReport(device, ClusterIds.Level, new Dictionary<int, AttributeValue> { [0] = AttributeValue.FromInt64(42) }, null, EventSource.Report);
    }

    [Benchmark(OperationsPerInvoke = Deliveries, Description = "bus → Lua threads (Wait + GetEvent table)")]
    public void Publish()
    {
        _done.Reset();
        Volatile.Write(ref _target, Interlocked.Read(ref _counted) + Deliveries);
        for (var i = 0; i < Deliveries / Threads; i++)
        {
            _bus.Publish(_report);
        }
        if (!_done.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException($"deliveries stalled at {Interlocked.Read(ref _counted)} of {_target}; dropped {_bus.Dropped}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// {_counted} deliveries in {_wakes} wakes ({(double)_counted / Math.Max(1, _wakes):F1} events per wake)");
        if (_bus.Dropped > 0)
        {
            Console.WriteLine($"// {_bus.Dropped} deliveries dropped (thread queues full)");
        }
        _host.StopTask(_task.Engine);
        _host.Dispose();
        _system.Terminate().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _done.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In process: no per-run boilerplate build (slow on the shared machine); the figure is the same order.
            AddJob(Job.Default.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(KernelConfigs.Quick ? 1 : 3).WithIterationCount(KernelConfigs.Quick ? 3 : 10));
            AddColumn(new RateColumn("M deliveries/s", 1e6));
        }
    }
}
