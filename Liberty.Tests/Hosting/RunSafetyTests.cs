using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Liberty.Tests.Hosting;

/// <summary>
/// The real <c>liberty run</c> process with an app that never yields: SIGTERM still stops it gracefully, and
/// <c>--safe</c> gets an operator back into a node whose task would hog it at every start.
/// </summary>
public sealed class RunSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const string Spinner = "function Spin()\n  Libre_Log(2, \"spinning\")\n  while true do end\nend\n";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "liberty-safety-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Run_SigtermWhileATaskHoldsItsThread_StopsGracefully()
    {
        await using var node = await NodeProcess.StartAsync(_folder, "safety");
        await StartSpinnerAsync(node);
        await AwaitDegradedAsync(node);

        var stopwatch = Stopwatch.StartNew();
        Assert.Equal(0, await node.TerminateAsync());
        output.WriteLine($"stopped {stopwatch.ElapsedMilliseconds} ms after SIGTERM");
    }

    [Fact]
    public async Task Run_Safe_TaskThatHogsAtEveryStartIsHeldAndCanBeResumed()
    {
        long id;
        await using (var first = await NodeProcess.StartAsync(_folder, "safety"))
        {
            id = await StartSpinnerAsync(first);
            await AwaitDegradedAsync(first);
            await first.KillAsync();
        }

        await using var safe = await NodeProcess.StartAsync(_folder, "safety", "--safe");

        var task = await GetJsonAsync(safe, $"/api/tasks/{id}");
        Assert.Equal("Disabled", task.GetProperty("state").GetString());
        Assert.Equal("ok", (await GetJsonAsync(safe, "/health")).GetProperty("status").GetString());
        using var resumed = await safe.Http.PostAsJsonAsync($"/api/tasks/{id}/resume", new { });
        Assert.True(resumed.IsSuccessStatusCode, await resumed.Content.ReadAsStringAsync());
        await AwaitDegradedAsync(safe);
    }

    private static async Task<long> StartSpinnerAsync(NodeProcess node)
    {
        using (var deploy = await node.Http.PostAsJsonAsync("/api/apps", new { name = "spin", source = Spinner }))
        {
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
        }
        using var start = await node.Http.PostAsJsonAsync("/api/tasks", new { app = "spin", function = "Spin" });
        var body = await start.Content.ReadAsStringAsync();
        Assert.True(start.IsSuccessStatusCode, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("id").GetInt64();
    }

    // The spinner holds its thread: /health turns degraded (the hand-off moved everything else away).
    private static async Task AwaitDegradedAsync(NodeProcess node)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < NodeProcess.Patience)
        {
            if ((await GetJsonAsync(node, "/health")).GetProperty("status").GetString() == "degraded")
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail("/health never turned degraded while the spinner ran");
    }

    private static async Task<JsonElement> GetJsonAsync(NodeProcess node, string path)
    {
        using var document = JsonDocument.Parse(await node.Http.GetStringAsync(path));
        return document.RootElement.Clone();
    }
}
