using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Liberty.Tests.Cluster;

/// <summary>
/// Devices across the cluster with three real <c>liberty run</c> processes: a Lua task on n1 combines lights of n2 and
/// n3 (subscribes, commands them, mirrors their reports); a killed n3's devices go <c>ok=false</c> at n1's tasks and
/// come back when n3 is restarted; n2's graceful leave raises no alarm.
/// </summary>
[Trait("Category", "Process")]
public sealed class ClusterDevicesProcessTests
{
    // Logs every event of the devices it is given (numeric ids): what a task on n1 sees of remote devices.
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

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private static readonly string[] Lights = ["n2/kitchen-light", "n3/hall-light"];

    [Fact]
    public async Task LuaTaskOnOneNode_CombinesLightsOfTwoOthers_AndLossAndLeaveAreTold()
    {
        await using var cluster = NodeCluster.Create(3);
        var (a, b, c) = (cluster.Members[0], cluster.Members[1], cluster.Members[2]);
        await cluster.StartAllAsync();
        await NodeCluster.AwaitMembersAsync(a, TimeSpan.FromSeconds(60), a, b, c);

        // The fleet directory: n1 lists the 18 devices of the three nodes.
        var devices = await EventuallyAsync(async () => await Get(a, "/api/devices"), d => d.GetArrayLength() == 18, "18 devices listed on n1");
        long Id(string name) => devices.EnumerateArray().Single(d => d.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
        var kitchen = Id("n2/kitchen-light");
        var hall = Id("n3/hall-light");

        var response = await a.Running.Http.PostAsJsonAsync("/api/apps", new { name = "watcher", source = WatcherApp });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var combiner = await StartAsync(a, "combiner", "ComboOnOff", new object[] { Lights, "combo" });
        var watcher = await StartAsync(a, "watcher", "Watch", new object[] { new[] { kitchen, hall } });
        await EventuallyAsync(() => LogsAsync(a, watcher), l => l.Contains("watching"), "the watcher started");

        // Command: the virtual light on n1 switches the lights of n2 and n3.
        await CommandAsync(a, "n1%2Fcombo", "on");
        await EventuallyAsync(() => OnOffAsync(b, "kitchen-light"), on => on == true, "n2/kitchen-light on");
        await EventuallyAsync(() => OnOffAsync(c, "hall-light"), on => on == true, "n3/hall-light on");

        // Mirror: the virtual light follows the remote lights' own reports.
        await CommandAsync(b, "kitchen-light", "off");
        await CommandAsync(c, "hall-light", "off");
        await EventuallyAsync(() => OnOffAsync(a, "combo"), on => on == false, "n1/combo off after both lights went off");
        await EventuallyAsync(() => LogsAsync(a, watcher), l => l.Contains($"event id={kitchen} ok=true t=1"), "a report of n2's light at n1's task");

        // kill -9 of n3: its devices go ok=false at n1's task and in n1's device list, within the detection time.
        var killed = Stopwatch.StartNew();
        await c.KillAsync();
        await EventuallyAsync(() => LogsAsync(a, watcher), l => l.Any(x => x.StartsWith($"event id={hall} ok=false", StringComparison.Ordinal)), "ok=false for n3/hall-light at n1's task");
        var toldAfter = killed.Elapsed;
        var listed = await Get(a, "/api/devices");
        Assert.All(listed.EnumerateArray().Where(static d => d.GetProperty("name").GetString()!.StartsWith("n3/", StringComparison.Ordinal)),
            d => Assert.False(d.GetProperty("ok").GetBoolean()));
        Assert.True(toldAfter < Within, $"told after {toldAfter}");

        // n3 restarted on the same address: fresh reports flow again.
        var before = (await LogsAsync(a, watcher)).Count(l => l.Contains($"event id={hall} ok=true", StringComparison.Ordinal));
        await c.StartAsync();
        await NodeCluster.AwaitMembersAsync(a, TimeSpan.FromSeconds(60), a, b, c);
        await CommandAsync(c, "hall-light", "on");
        await EventuallyAsync(() => LogsAsync(a, watcher), l => l.Count(x => x.Contains($"event id={hall} ok=true", StringComparison.Ordinal)) > before, "reports of n3/hall-light again");
        await EventuallyAsync(() => OnOffAsync(a, "combo"), on => on == true, "n1/combo on again, mirroring n3's light");

        // SIGTERM of n2: a graceful leave, no ok=false at n1's task for its devices.
        var exit = await b.TerminateAsync();
        Assert.True(exit == 0, $"n2 exited {exit}:\n{b.LastOutput}");
        await NodeCluster.AwaitMembersAsync(a, Within, a, c);
        var log = await LogsAsync(a, watcher);
        Assert.DoesNotContain(log, l => l.Contains($"event id={kitchen} ok=false", StringComparison.Ordinal));
        var task = await Get(a, $"/api/tasks/{combiner}");
        Assert.Equal("Running", task.GetProperty("state").GetString());
    }

    private static async Task<JsonElement> Get(NodeCluster.Member member, string path) => await member.Running.Http.GetFromJsonAsync<JsonElement>(path);

    private static async Task<long> StartAsync(NodeCluster.Member member, string app, string function, object arguments)
    {
        var response = await member.Running.Http.PostAsJsonAsync("/api/tasks", new { app, function, arguments });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    private static async Task CommandAsync(NodeCluster.Member member, string device, string command)
    {
        var response = await member.Running.Http.PostAsJsonAsync($"/api/devices/{device}/command", new { command });
        Assert.True(response.IsSuccessStatusCode, $"{member.Name} {device} {command}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<bool?> OnOffAsync(NodeCluster.Member member, string device)
    {
        var shown = await Get(member, $"/api/devices/{device}");
        foreach (var attribute in shown.GetProperty("attributes").EnumerateArray())
        {
            if (attribute.GetProperty("cluster").GetInt32() == 6 && attribute.GetProperty("attribute").GetInt32() == 0)
            {
                return attribute.GetProperty("value").GetBoolean();
            }
        }
        return null;
    }

    private static async Task<IReadOnlyList<string>> LogsAsync(NodeCluster.Member member, long task)
    {
        var lines = await Get(member, $"/api/tasks/{task.ToString(CultureInfo.InvariantCulture)}/logs?max=1000");
        return [.. lines.EnumerateArray().Select(static l => l.GetProperty("text").GetString()!)];
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        T last = default!;
        while (clock.Elapsed < Within)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"not seen within {Within}: {what}; last: {(last is IEnumerable<string> lines ? string.Join("\n", lines.TakeLast(20)) : last?.ToString())}");
        return last;
    }
}
