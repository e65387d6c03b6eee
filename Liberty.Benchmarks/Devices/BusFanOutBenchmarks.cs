using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Liberty.Actors;
using Liberty.Benchmarks.Kernel;
using Liberty.Devices.Bus;
using Liberty.Devices.Model;

namespace Liberty.Benchmarks.Devices;

/// <summary>
/// Device event fan-out: attribute reports published on the <see cref="DeviceEventBus"/> per second to
/// 1, 100 and 1,000 local subscriber actors (ordinary Akka actors on Akka's default dispatcher, subscribed as
/// <see cref="ActorDeviceEventSink"/>s; unbounded mailboxes, so nothing is dropped); each operation ends when every subscriber has received every report. Prints "k reports/s"
/// and "M deliveries/s" (reports × subscribers). The Lua-thread fan-out target of docs/architecture.md, "Performance targets"
/// (≥ 1 M deliveries/s to 1,000 subscribed Lua threads) is measured by the engine's benchmark.
/// </summary>
[Config(typeof(Config))]
public class BusFanOutBenchmarks : IDisposable
{
    private const int Reports = 2_000;

    private readonly DeviceEventBus _bus = new();
    private ActorSystem _system = null!;
    private CountdownEvent _done = null!;
    private DeviceEvent _report = null!;

    [Params(1, 100, 1000)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = LibertyActorSystem.Create("bus");
        _done = new CountdownEvent(Subscribers);
        var device = DeviceId.Create("gw1", "lamp").Value;
        for (var i = 0; i < Subscribers; i++)
        {
            var done = _done;
            _bus.Subscribe(device, new ActorDeviceEventSink(_system.ActorOf(Props.Create(() => new Counter(Reports, done)))));
        }
        _report = DeviceEvent.ForReport(device, ClusterIds.Level, new Dictionary<int, AttributeValue> { [0] = AttributeValue.FromInt64(42) }, null, EventSource.Report);
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Reports)]
    public void Publish()
    {
        _done.Reset(Subscribers);
        for (var i = 0; i < Reports; i++)
        {
            _bus.Publish(_report);
        }
        _done.Wait();
    }

    public void Dispose()
    {
        _done?.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class Counter(int target, CountdownEvent done) : UntypedActor
    {
        private int _count;

        protected override void OnReceive(object message)
        {
            if (++_count == target)
            {
                _count = 0;
                done.Signal();
            }
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(KernelConfigs.Quick ? 1 : 3).WithIterationCount(KernelConfigs.Quick ? 3 : 10));
            AddColumn(new RateColumn("k reports/s", 1e3));
            AddColumn(new DeliveriesColumn());
        }
    }

    /// <summary>Reports per second × subscribers, in millions.</summary>
    private sealed class DeliveriesColumn : IColumn
    {
        public string Id => nameof(DeliveriesColumn);

        public string ColumnName => "M deliveries/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Reports per second times the number of subscribers, in millions";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            var subscribers = Convert.ToDouble(benchmarkCase.Parameters[nameof(Subscribers)], System.Globalization.CultureInfo.InvariantCulture);
            return mean is > 0 ? (1e9 / mean.Value * subscribers / 1e6).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "NA";
        }
    }
}
