using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Liberty.Benchmarks.Kernel;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;
using Liberty.Node.Hosting;

namespace Liberty.Benchmarks.Cluster;

/// <summary>
/// Cross-node device events end to end: three nodes in this process (<see cref="InProcessCluster"/>), a Lua task on n1
/// subscribed (<c>Libre_SetWaitDevice</c>) to two virtual devices on n2 and two on n3. The benchmark drives those
/// devices directly: each event is a <see cref="VirtualDeviceReport"/> told to the device actor, whose attribute
/// <see cref="TimestampAttribute"/> carries the send time in seconds on the monotonic clock
/// (<c>Stopwatch.GetTimestamp() / Frequency</c>, which is what <c>liberty.monotonic()</c> answers). The Lua task takes
/// <c>liberty.monotonic()</c> minus that value for each event into a 0.1 ms histogram and logs one summary line per
/// round, when a flush report of every device has arrived after its events (a device's events reach n1 in order).
/// </summary>
/// <remarks>
/// <para><see cref="Paced20k"/>: 10,000 events/s from each of n2 and n3 (20,000/s in all, the target) for
/// <see cref="PacedSeconds"/>; prints the rate received at n1's task, p50/p99/max latency and the events lost.
/// <see cref="Burst"/>: <see cref="BurstEvents"/> events sent as fast as two threads can tell them; prints what n1's
/// task received per second (from the first send to the last receipt), latency (mostly queueing) and loss.
/// <see cref="Paced20kQueue4096"/> and <see cref="BurstQueue4096"/>: the same on nodes whose task threads queue 4,096
/// events (<c>Engine:EventQueueCapacity</c>) instead of 64, which tells the task's own pace from its queue's drops.
/// All: "k ev/s at n1" is the rate at which the events arrived in n1's cluster layer (from the first send until
/// <c>ClusterDeviceCounters.Received</c> counted them all, sampled every millisecond).</para>
/// <para>Loss is split by where it happened: "lost in transit" = published minus what n1's cluster layer received
/// (<c>ClusterDeviceCounters.Received</c>); "dropped at task" = the task's full event queue (64 by default,
/// <c>TaskStatisticsView.EventsDropped</c>).</para>
/// </remarks>
[Config(typeof(Config))]
public class ClusterEventBenchmarks
{
    /// <summary>The attribute (of the On/Off cluster) carrying the send time.</summary>
    public const int TimestampAttribute = 0x4001;

    /// <summary>The attribute whose change ends a round for its device.</summary>
    public const int FlushAttribute = 0x4002;

    private const string Rate = "k ev/s";
    private const string P50 = "p50 ms";
    private const string P99 = "p99 ms";
    private const string Max = "max ms";
    private const string Lost = "lost %";
    private const string Arrived = "k ev/s at n1";
    private const int LargeQueue = 4096;

    private const string SourceApp = """
        function Source(out)
          while true do
            Libre_Wait()
            while Libre_GetEvent() do end
          end
        end
        """;

    private const string SourceSignature = """
        {"Functions":[{"NativeName":"Source","Parameters":[
          {"ID":1,"NativeName":"out","Type":"VirtualDevice","Attributes":[{"Name":"VirtualDevice","Value":"1,100,6"}]}]}]}
        """;

    // The subscriber on n1: latency histogram (0.1 ms buckets up to 2 s) of every event carrying a timestamp; a summary
    // when each source device has sent its flush (a change of the flush attribute) after its events.
    private const string SinkApp = """
        local TS, FLUSH = 0x4001, 0x4002
        function Sink(devices)
          for _, dev in ipairs(devices) do Libre_SetWaitDevice(dev) end
          local sources = #devices
          local W, NB = 0.0001, 20000
          local mono = liberty.monotonic
          local hist, count, maxl, lastAt, flushed, nflushed
          local function reset()
            hist = {}
            for i = 0, NB do hist[i] = 0 end
            count, maxl, lastAt, flushed, nflushed = 0, 0, 0, {}, 0
          end
          local function pct(p)
            local want, seen = math.max(1, math.ceil(count * p)), 0
            for i = 0, NB do
              seen = seen + hist[i]
              if seen >= want then return (i + 1) * W end
            end
            return maxl
          end
          reset()
          Libre_Log(2, "ready")
          while true do
            Libre_Wait()
            local ev = Libre_GetEvent()
            while ev do
              local a = ev.a
              if ev.t == 1 and a then
                local ts = a[TS]
                if ts then
                  local now = mono()
                  local l = now - ts
                  local b = math.floor(l / W)
                  if b > NB then b = NB elseif b < 0 then b = 0 end
                  hist[b] = hist[b] + 1
                  count = count + 1
                  if l > maxl then maxl = l end
                  lastAt = now
                elseif a[FLUSH] and not flushed[ev.id] then
                  flushed[ev.id] = true
                  nflushed = nflushed + 1
                  if nflushed == sources then
                    Libre_Log(2, string.format("summary round=%d count=%d p50=%.4f p99=%.4f max=%.4f last=%.6f",
                      a[FLUSH] // 1000, count, pct(0.5) * 1000, pct(0.99) * 1000, maxl * 1000, lastAt))
                    reset()
                  end
                end
              end
              ev = Libre_GetEvent()
            end
          end
        end
        """;

    private static readonly Regex Summary = new(@"summary round=(\d+) count=(\d+) p50=([\d.]+) p99=([\d.]+) max=([\d.]+) last=([\d.]+)", RegexOptions.Compiled);

    private readonly ConcurrentQueue<string> _lines = new();
    private InProcessCluster? _cluster;
    private IDisposable? _logs;
    private long _sink;
    private IActorRef[][] _devices = [];
    private int _round;

    /// <summary>Seconds of the paced run.</summary>
    public static int PacedSeconds => KernelConfigs.Quick ? 2 : 5;

    /// <summary>Events of a burst (both sources together).</summary>
    public static int BurstEvents => KernelConfigs.Quick ? 40_000 : 100_000;

    private LibertyNode A => _cluster!.Nodes[0];

    /// <summary>The nodes as configured by default: a task thread's event queue holds 64 events.</summary>
    [GlobalSetup(Targets = [nameof(Paced20k), nameof(Burst)])]
    public void Setup() => SetupAsync(64).GetAwaiter().GetResult();

    /// <summary>The nodes with <c>Engine:EventQueueCapacity</c> 4096.</summary>
    [GlobalSetup(Targets = [nameof(Paced20kQueue4096), nameof(BurstQueue4096)])]
    public void SetupQueue4096() => SetupAsync(LargeQueue).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _logs?.Dispose();
        _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>20,000 events/s (10,000 from each of two nodes) for <see cref="PacedSeconds"/>.</summary>
    [Benchmark]
    public void Paced20k() => Run(nameof(Paced20k), 10_000, PacedSeconds * 10_000);

    /// <summary><see cref="BurstEvents"/> events as fast as they can be told.</summary>
    [Benchmark]
    public void Burst() => Run(nameof(Burst), 0, BurstEvents / 2);

    /// <summary>As <see cref="Paced20k"/>, each task thread's event queue holding <see cref="LargeQueue"/> events.</summary>
    [Benchmark]
    public void Paced20kQueue4096() => Run(nameof(Paced20kQueue4096), 10_000, PacedSeconds * 10_000);

    /// <summary>As <see cref="Burst"/>, each task thread's event queue holding <see cref="LargeQueue"/> events.</summary>
    [Benchmark]
    public void BurstQueue4096() => Run(nameof(BurstQueue4096), 0, BurstEvents / 2);

    private async Task SetupAsync(int queueCapacity)
    {
        _cluster = await InProcessCluster.StartAsync(3, TimeSpan.FromSeconds(60),
            ("Engine__EventQueueCapacity", queueCapacity.ToString(CultureInfo.InvariantCulture)));
        var names = new List<string>();
        _devices = new IActorRef[2][];
        for (var n = 1; n <= 2; n++)
        {
            var node = _cluster.Nodes[n];
            await InProcessCluster.DeployAsync(node, "bench-source", SourceApp, SourceSignature);
            _devices[n - 1] = new IActorRef[2];
            for (var d = 0; d < 2; d++)
            {
                var local = "src" + d.ToString(CultureInfo.InvariantCulture);
                await InProcessCluster.StartTaskAsync(node, "bench-source", "Source", new object[] { local });
                var full = $"{node.Options.Name}/{local}";
                _devices[n - 1][d] = (await InProcessCluster.AwaitDeviceAsync(node, full, remote: false, TimeSpan.FromSeconds(30))).Actor;
                names.Add(full);
            }
        }
        var ids = new List<long>();
        foreach (var name in names)
        {
            ids.Add((await InProcessCluster.AwaitDeviceAsync(A, name, remote: true, TimeSpan.FromSeconds(30))).Info.Id.Value);
        }
        await InProcessCluster.DeployAsync(A, "bench-sink", SinkApp, null);
        _sink = await InProcessCluster.StartTaskAsync(A, "bench-sink", "Sink", new object[] { ids });
        var subscribed = A.Services.Tasks.SubscribeLogs(_sink, line => _lines.Enqueue(line.Text));
        _logs = subscribed.Ok ? subscribed.Value : throw new InvalidOperationException(subscribed.Error);
        // Warm-up: the watches reach the owners, the remote connections and the Lua paths are hot. Its figures are not kept.
        await RunAsync(null, 2_000, 2_000);
        await RunAsync(null, 0, 5_000);
    }

    private void Run(string benchmark, int ratePerNode, int eventsPerNode) => RunAsync(benchmark, ratePerNode, eventsPerNode).GetAwaiter().GetResult();

    private async Task RunAsync(string? benchmark, int ratePerNode, int eventsPerNode)
    {
        var round = ++_round;
        var counters = A.Services.Cluster!.Devices!.Counters;
        var receivedBefore = counters.Received;
        var droppedBefore = A.Services.Tasks.GetStatistics().EventsDropped;
        var published = 2L * eventsPerNode;
        var start = Stopwatch.GetTimestamp();
        // When the last event arrived in n1's cluster layer (before the task's queue), sampled every millisecond.
        var arrival = Task.Factory.StartNew(() =>
        {
            var wait = Stopwatch.StartNew();
            while (counters.Received - receivedBefore < published && wait.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(1);
            }
            return Stopwatch.GetElapsedTime(start);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var senders = _devices.Select(devices => Task.Factory.StartNew(() => Send(devices, ratePerNode, eventsPerNode, start),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(senders);
        var sentIn = Stopwatch.GetElapsedTime(start);
        var arrivedIn = await arrival;

        // Flush until the summary of this round is logged (a flush can be dropped by a full queue, or overtake nothing).
        Match? summary = null;
        var flushes = 0;
        for (var attempt = 0; summary is null; attempt++)
        {
            if (attempt >= 30)
            {
                throw new TimeoutException($"round {round}: no summary from n1's task after {attempt} flushes; last lines: {string.Join(" | ", _lines.TakeLast(5))}");
            }
            foreach (var device in _devices.SelectMany(static d => d))
            {
                device.Tell(new VirtualDeviceReport(ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [FlushAttribute] = (long)((round * 1000) + attempt) }, EventSource.Report), ActorRefs.NoSender);
                flushes++;
            }
            var waited = Stopwatch.StartNew();
            while (summary is null && waited.Elapsed < TimeSpan.FromSeconds(1))
            {
                while (_lines.TryDequeue(out var line))
                {
                    var match = Summary.Match(line);
                    if (match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) == round)
                    {
                        summary = match;
                    }
                }
                await Task.Delay(10);
            }
        }
        if (benchmark is null)
        {
            return;
        }
        double Group(int i) => double.Parse(summary.Groups[i].Value, CultureInfo.InvariantCulture);
        var received = (long)Group(2);
        var lastAt = Group(6);
        var seconds = lastAt - (start / (double)Stopwatch.Frequency);
        var arrived = counters.Received - receivedBefore - flushes; // at least: less every flush report sent
        var dropped = A.Services.Tasks.GetStatistics().EventsDropped - droppedBefore;
        KernelFigures.Record(benchmark, Rate, received / seconds / 1000);
        KernelFigures.Record(benchmark, P50, Group(3));
        KernelFigures.Record(benchmark, P99, Group(4));
        KernelFigures.Record(benchmark, Max, Group(5));
        KernelFigures.Record(benchmark, Arrived, published / arrivedIn.TotalSeconds / 1000);
        KernelFigures.Record(benchmark, Lost, 100.0 * (published - received) / published);
        Console.WriteLine(FormattableString.Invariant(
            $"// {benchmark}: published {published}, sent in {sentIn.TotalMilliseconds:F0} ms ({published / sentIn.TotalSeconds / 1000:F1} k/s), arrived at n1 ≥ {arrived} (lost in transit ≤ {published - arrived}; all arrived after {arrivedIn.TotalMilliseconds:F0} ms), received by the task {received} in {seconds * 1000:F0} ms, dropped at the task's queue {dropped}"));
    }

    // Tells eventsPerNode reports round-robin over the node's devices: at ratePerNode per second (0: as fast as possible).
    private static void Send(IActorRef[] devices, int ratePerNode, int eventsPerNode, long start)
    {
        var frequency = (double)Stopwatch.Frequency;
        for (var sent = 0; sent < eventsPerNode;)
        {
            var due = ratePerNode == 0 ? eventsPerNode : Math.Min(eventsPerNode, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * ratePerNode));
            for (; sent < due; sent++)
            {
                var now = Stopwatch.GetTimestamp() / frequency;
                devices[sent % devices.Length].Tell(new VirtualDeviceReport(ClusterIds.OnOff, new Dictionary<int, AttributeValue> { [TimestampAttribute] = now }, EventSource.Report), ActorRefs.NoSender);
            }
            if (sent < eventsPerNode)
            {
                Thread.Sleep(1);
            }
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(ClusterJobs.Scenario());
            AddColumn(new FigureColumn(Rate, "F1"));
            AddColumn(new FigureColumn(P50, "F2"));
            AddColumn(new FigureColumn(P99, "F2"));
            AddColumn(new FigureColumn(Max, "F1"));
            AddColumn(new FigureColumn(Lost, "F2"));
            AddColumn(new FigureColumn(Arrived, "F1"));
        }
    }
}
