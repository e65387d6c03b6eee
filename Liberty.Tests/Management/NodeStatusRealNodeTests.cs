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
}
