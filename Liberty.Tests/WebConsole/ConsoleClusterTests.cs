using System.Net.Http.Json;
using System.Text.Json;
using Liberty.Tests.Cluster;
using static Microsoft.Playwright.Assertions;

namespace Liberty.Tests.WebConsole;

/// <summary>
/// The console of one node of a two-node cluster of real <c>liberty run</c> processes shows the whole cluster: both
/// members and the leader, the other node's task (and stops it there), and every node's devices.
/// </summary>
[Collection(ConsoleGroup.Name)]
[Trait("Category", "Process")]
public sealed class ConsoleClusterTests(ConsoleBrowser browser)
{
    private static readonly TimeSpan Form = TimeSpan.FromSeconds(60);
    private static readonly int[] BlinkArguments = [1000, 0];

    [Fact]
    public async Task TwoNodes_OneConsole_ShowsBothMembersTheOtherNodesTaskAndEveryDevice()
    {
        await using var cluster = NodeCluster.Create(2);
        var (a, b) = (cluster.Members[0], cluster.Members[1]);
        await cluster.StartAllAsync();
        await NodeCluster.AwaitMembersAsync(a, Form, a, b);
        // A task on the second node, started at that node's own API (the sample apps are deployed at a first start).
        var started = await b.Running.Http.PostAsJsonAsync("/api/tasks", new { app = "reactive", function = "Blink", arguments = BlinkArguments, name = "blinker" });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var page = await browser.PhoneAsync(a.Running.Url);
        await page.GotoAsync("/");
        await page.FillAsync("#token", File.ReadAllText(Path.Combine(a.Folder, "admin.token")).Trim());
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#tabs")).ToBeVisibleAsync();

        await page.ClickAsync("#tabs a[data-tab=cluster]");
        var rows = page.Locator("#members tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = b.Name })).ToContainTextAsync("Up");
        await Expect(page.Locator("#members .badge", new() { HasText = "leader" })).ToHaveCountAsync(1);
        await ConsoleBrowser.ShotAsync(page, "09-cluster-two-nodes");

        await page.ClickAsync("#tabs a[data-tab=devices]");
        await Expect(page.Locator("#device-count")).ToHaveTextAsync("12 of 12 devices");
        await page.SelectOptionAsync("#device-node", b.Name);
        await Expect(page.Locator("#device-count")).ToHaveTextAsync("6 of 12 devices");

        await page.ClickAsync("#tabs a[data-tab=tasks]");
        var item = page.Locator($"a[href='#/tasks/{b.Name}/{id}']");
        await Expect(item).ToContainTextAsync("blinker");
        await Expect(item).ToContainTextAsync(b.Name);
        await item.ClickAsync();
        await Expect(page.Locator("#task-state")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#log-note")).ToContainTextAsync($"runs on {b.Name}");
        await page.ClickAsync("button:text-is('Stop')");
        await Expect(page.Locator("#task-state")).ToHaveTextAsync("Disabled");
        var there = await b.Running.Http.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}");
        Assert.Equal("Disabled", there.GetProperty("state").GetString());
    }
}
