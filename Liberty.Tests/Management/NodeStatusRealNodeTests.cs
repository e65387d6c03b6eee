using System.Net.Http.Json;
using System.Text.Json;

namespace Liberty.Tests.Management;

/// <summary><c>GET /api/node</c> on a node with its real task manager: the task counters come from the running tasks.</summary>
public sealed class NodeStatusRealNodeTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(fakeTasks: false);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task NodeStatus_RunningLuaTask_CountsItAndItsLuaMemory()
    {
        using (var deploy = await _node.Http.PostAsJsonAsync("/api/apps", new { name = "idle", source = "function main()\n  Libre_Wait()\nend\n" }))
        {
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
        }
        using (var start = await _node.Http.PostAsJsonAsync("/api/tasks", new { app = "idle", function = "main" }))
        {
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        }

        JsonElement tasks = default;
        await ManagementApiTests.AwaitAsync(() =>
        {
            using var status = JsonDocument.Parse(_node.Http.GetStringAsync("/api/node").Result);
            tasks = status.RootElement.GetProperty("tasks").Clone();
            return tasks.GetProperty("byState").GetProperty("Running").GetInt32() == 1 && tasks.GetProperty("luaMemoryBytes").GetInt64() > 0;
        }, "one Running task holding Lua memory in /api/node");

        Assert.Equal(0, tasks.GetProperty("eventsDropped").GetInt64());
        Assert.Equal(0, tasks.GetProperty("logLinesSuppressed").GetInt64());
    }

    [Fact]
    public async Task TaskShow_RunningLuaTask_StatisticsOfItsRun()
    {
        var id = await DeployAndStartAsync("idle", "function main()\n  Libre_Wait()\nend\n", "main");

        JsonElement task = default;
        await ManagementApiTests.AwaitAsync(() =>
        {
            task = Show(id);
            return task.GetProperty("statistics").GetProperty("threads").GetInt32() == 1 && task.GetProperty("statistics").GetProperty("luaMemoryBytes").GetInt64() > 0;
        }, "the running task's thread and Lua memory in GET /api/tasks/{id}");

        var statistics = task.GetProperty("statistics");
        Assert.Equal("Running", task.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("traceback").ValueKind);
        Assert.Equal(0, statistics.GetProperty("eventsDropped").GetInt64());
        Assert.Equal(0, statistics.GetProperty("logLinesSuppressed").GetInt64());
        Assert.True(statistics.GetProperty("luaMemoryPeakBytes").GetInt64() >= statistics.GetProperty("luaMemoryBytes").GetInt64(), statistics.ToString());
        Assert.True(statistics.GetProperty("busyMilliseconds").GetDouble() >= statistics.GetProperty("longestSliceMilliseconds").GetDouble(), statistics.ToString());
    }

    [Fact]
    public async Task TaskShow_LuaTaskInError_TracebackAndStatistics()
    {
        var id = await DeployAndStartAsync("crash", CrashingApp, "Crash");

        JsonElement task = default;
        // The state turns Error when the error is caught; the thread is counted until the engine has ended it, a moment later.
        await ManagementApiTests.AwaitAsync(() => (task = Show(id)).GetProperty("state").GetString() == "Error" && task.GetProperty("statistics").GetProperty("threads").GetInt32() == 0,
            "the task in Error with its thread ended");

        var traceback = task.GetProperty("traceback").GetString();
        var statistics = task.GetProperty("statistics");
        Assert.Contains("crash.lua:2:", task.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.NotNull(traceback);
        Assert.Contains("stack traceback:", traceback, StringComparison.Ordinal);
        Assert.Contains("crash.lua:6:", traceback, StringComparison.Ordinal);
        Assert.Equal(0, statistics.GetProperty("eventsDropped").GetInt64());
        Assert.True(statistics.GetProperty("luaMemoryPeakBytes").GetInt64() > 0, statistics.ToString());
        Assert.True(statistics.GetProperty("busyMilliseconds").GetDouble() >= statistics.GetProperty("longestSliceMilliseconds").GetDouble(), statistics.ToString());
    }

    [Fact]
    public async Task Health_TaskStuckInALoop_DegradedNamingTheTaskUntilItIsDeletedByForce()
    {
        var id = await DeployAndStartAsync("spin", "function Spin()\n  Libre_Log(2, \"spinning\")\n  while true do end\nend\n", "Spin");

        JsonElement health = default;
        await ManagementApiTests.AwaitAsync(() =>
        {
            using var document = JsonDocument.Parse(_node.Anonymous.GetStringAsync("/health").Result);
            health = document.RootElement.Clone();
            return health.GetProperty("status").GetString() == "degraded";
        }, "/health degraded while the task holds its thread");
        var stuck = Assert.Single(health.GetProperty("stuck").EnumerateArray());
        Assert.Equal(id, stuck.GetProperty("taskId").GetInt64());
        Assert.Equal("spin/Spin", stuck.GetProperty("task").GetString());
        Assert.True(stuck.GetProperty("since").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.True(stuck.GetProperty("cpuSeconds").GetDouble() >= 0, stuck.ToString());

        using (var deleted = await _node.Http.DeleteAsync($"/api/tasks/{id}?force=true"))
        {
            Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        }
        await ManagementApiTests.AwaitAsync(() =>
        {
            using var document = JsonDocument.Parse(_node.Anonymous.GetStringAsync("/health").Result);
            return document.RootElement.GetProperty("status").GetString() == "ok";
        }, "/health ok once the forced delete ended the loop");
    }

    /// <summary>An app whose <c>Crash</c> fails at line 2, called from line 6 (a frame only the traceback shows).</summary>
    internal const string CrashingApp = "local function inner(t)\n  return t.x\nend\n\nfunction Crash()\n  inner(nil)\nend\n";

    private JsonElement Show(long id)
    {
        using var document = JsonDocument.Parse(_node.Http.GetStringAsync($"/api/tasks/{id}").Result);
        return document.RootElement.Clone();
    }

    private async Task<long> DeployAndStartAsync(string app, string source, string function)
    {
        using (var deploy = await _node.Http.PostAsJsonAsync("/api/apps", new { name = app, source }))
        {
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
        }
        using var start = await _node.Http.PostAsJsonAsync("/api/tasks", new { app, function });
        var body = await start.Content.ReadAsStringAsync();
        Assert.True(start.IsSuccessStatusCode, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("id").GetInt64();
    }
}
