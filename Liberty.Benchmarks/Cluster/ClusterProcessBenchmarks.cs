using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Liberty.Benchmarks.Kernel;

namespace Liberty.Benchmarks.Cluster;

/// <summary>
/// Membership with three real <c>liberty run</c> processes on loopback (<see cref="NodeProcessCluster"/>, the default
/// failure detection: heartbeat 1 s, acceptable pause 3 s, <c>StableAfter</c> 5 s), as a gateway fleet runs.
/// </summary>
/// <remarks>
/// <para><see cref="KillMember"/>: a Lua task on n1 logs every event of <c>n3/hall-light</c>; n3 is killed (SIGKILL)
/// and n1 is polled every 50 ms (<c>GET /api/cluster</c> and the task's log, concurrently) for: n3 Unreachable, the
/// <c>ok=false</c> event in the task's log, n3 Down, n3 Removed (gone from the list); seconds after the kill. Then n3
/// is started again on the same folder and ports and the figure "s to Up again" is from that start to n3 Up in n1's
/// view. Each iteration is one kill.</para>
/// <para><see cref="JoinFourth"/>: with n1..n3 Up, a fourth process starts on a fresh folder; seconds from its process
/// start to Up (and reachable) in n1's view, and from its first 200 on <c>/health</c> to Up. It then leaves
/// (SIGTERM) and the next iteration waits until n1 no longer lists it.</para>
/// </remarks>
[Config(typeof(Config))]
public class ClusterProcessBenchmarks
{
    private const string ToUnreachable = "s to unreachable";
    private const string ToOkFalse = "s to ok=false";
    private const string ToDown = "s to down";
    private const string ToRemoved = "s to removed";
    private const string ToUpAgain = "s to Up again";
    private const string ToUp = "s to Up";
    private const string HealthToUp = "s health to Up";

    // Logs every event of the devices it is given (numeric ids): what a task on n1 sees of a remote device.
    private const string WatcherApp = """
        function Watch(devices)
          for _, dev in ipairs(devices) do Libre_SetWaitDevice(dev) end
          Libre_Log(2, "watching")
          while true do
            Libre_Wait()
            local ev = Libre_GetEvent()
            while ev do
              Libre_Log(2, string.format("event id=%d ok=%s t=%d", ev.id, tostring(ev.ok), ev.t))
              ev = Libre_GetEvent()
            end
          end
        end
        """;

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private NodeProcessCluster? _cluster;
    private long _watcher;

    private NodeProcessCluster.Member A => _cluster!.Members[0];

    private NodeProcessCluster.Member C => _cluster!.Members[2];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>SIGKILL of n3; detection at n1.</summary>
    [Benchmark]
    public void KillMember() => KillMemberAsync().GetAwaiter().GetResult();

    /// <summary>A fourth process joins.</summary>
    [Benchmark]
    public void JoinFourth() => JoinFourthAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _cluster = NodeProcessCluster.Create(3);
        await Task.WhenAll(_cluster.Members.Select(static m => m.StartAsync()));
        await NodeProcessCluster.AwaitMembersAsync(A, Within, [.. _cluster.Members]);
        var hall = await Eventually(async () =>
        {
            var devices = await A.GetAsync("/api/devices");
            return devices.EnumerateArray().Where(static d => d.GetProperty("name").GetString() == "n3/hall-light").Select(static d => (long?)d.GetProperty("id").GetInt64()).FirstOrDefault();
        }, static id => id is not null, "n1 lists n3/hall-light");
        await A.PostAsync("/api/apps", new { name = "watcher", source = WatcherApp });
        _watcher = (await A.PostAsync("/api/tasks", new { app = "watcher", function = "Watch", arguments = new object[] { new[] { hall!.Value } } })).GetProperty("id").GetInt64();
        await Eventually(() => A.TaskLogAsync(_watcher), static l => l.Contains("watching"), "the watcher started");
    }

    private async Task KillMemberAsync()
    {
        // The watch is live: a report of n3's light reaches n1's task.
        var okBefore = Count(await A.TaskLogAsync(_watcher), "ok=true");
        await Eventually(async () =>
        {
            await C.PostAsync("/api/devices/hall-light/command", new { command = "toggle" });
            await Task.Delay(200);
            return Count(await A.TaskLogAsync(_watcher), "ok=true");
        }, n => n > okBefore, "a report of n3/hall-light at n1's task");
        var okFalseBefore = Count(await A.TaskLogAsync(_watcher), "ok=false");

        var clock = Stopwatch.StartNew();
        C.Kill();
        await C.WaitForExitAsync();
        TimeSpan? unreachable = null, okFalse = null, down = null, removed = null;
        while (removed is null || okFalse is null)
        {
            if (clock.Elapsed > Within)
            {
                throw new TimeoutException($"after the kill of n3: unreachable {unreachable}, ok=false {okFalse}, down {down}, removed {removed} within {Within}");
            }
            var tick = Task.Delay(Poll);
            var state = A.ClusterAsync();
            var log = A.TaskLogAsync(_watcher);
            await Task.WhenAll(state, log);
            var now = clock.Elapsed;
            var member = NodeProcessCluster.Find(await state, "n3");
            if (member is { Reachability: "Unreachable" } || member is null)
            {
                unreachable ??= now;
            }
            if (member is { Status: "Down" } || member is null)
            {
                down ??= now;
            }
            if (member is null)
            {
                removed ??= now;
            }
            if (Count(await log, "ok=false") > okFalseBefore)
            {
                okFalse ??= now;
            }
            await tick;
        }
        KernelFigures.Record(nameof(KillMember), ToUnreachable, unreachable!.Value.TotalSeconds);
        KernelFigures.Record(nameof(KillMember), ToOkFalse, okFalse.Value.TotalSeconds);
        KernelFigures.Record(nameof(KillMember), ToDown, down!.Value.TotalSeconds);
        KernelFigures.Record(nameof(KillMember), ToRemoved, removed.Value.TotalSeconds);

        var restart = Stopwatch.StartNew();
        await C.StartAsync();
        await NodeProcessCluster.AwaitMembersAsync(A, Within, [.. _cluster!.Members]);
        KernelFigures.Record(nameof(KillMember), ToUpAgain, restart.Elapsed.TotalSeconds);
    }

    private async Task JoinFourthAsync()
    {
        var fourth = _cluster!.Add();
        try
        {
            var clock = Stopwatch.StartNew();
            fourth.Launch();
            var health = fourth.AwaitHealthyAsync().ContinueWith(_ => clock.Elapsed, TaskScheduler.Default);
            while (NodeProcessCluster.Find(await A.ClusterAsync(), fourth.Name) is not ("Up", "Reachable"))
            {
                if (clock.Elapsed > Within)
                {
                    throw new TimeoutException($"{fourth.Name} not Up in n1's view within {Within}");
                }
                await Task.Delay(Poll);
            }
            var up = clock.Elapsed;
            var healthy = await health;
            KernelFigures.Record(nameof(JoinFourth), ToUp, up.TotalSeconds);
            KernelFigures.Record(nameof(JoinFourth), HealthToUp, (up - healthy).TotalSeconds);

            await fourth.TerminateAsync();
            await Eventually(async () => NodeProcessCluster.Find(await A.ClusterAsync(), fourth.Name), static m => m is null, $"{fourth.Name} removed after its leave");
        }
        finally
        {
            await _cluster.RemoveAsync(fourth);
        }
    }

    private static int Count(IReadOnlyList<string> lines, string what) => lines.Count(l => l.Contains(what, StringComparison.Ordinal));

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await read();
            if (done(last))
            {
                return last;
            }
            if (clock.Elapsed > Within)
            {
                throw new TimeoutException($"not seen within {Within}: {what}; last: {(last is JsonElement json ? json.ToString() : last?.ToString())}");
            }
            await Task.Delay(100);
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(ClusterJobs.Processes());
            AddColumn(new FigureColumn(ToUnreachable, "F2"));
            AddColumn(new FigureColumn(ToOkFalse, "F2"));
            AddColumn(new FigureColumn(ToDown, "F2"));
            AddColumn(new FigureColumn(ToRemoved, "F2"));
            AddColumn(new FigureColumn(ToUpAgain, "F2"));
            AddColumn(new FigureColumn(ToUp, "F2"));
            AddColumn(new FigureColumn(HealthToUp, "F2"));
        }
    }
}
