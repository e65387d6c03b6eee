using System.Text.Json;
using Liberty.Node.Cli;
using Liberty.Tests.Management;

namespace Liberty.Tests.Hosting;

/// <summary>
/// A node restarted on its data folder: devices come back with their last-known attributes, marked not yet heard. The
/// light is a sysfs LED in a temp tree that is gone at the second start, so the device cannot report (a simulated device
/// would report its own fresh values at once, replacing the restored ones as it should).
/// </summary>
public sealed class DeviceStateRestartTests : IAsyncLifetime
{
    private const int LevelCluster = 8;
    private readonly string _folder = TestNode.NewFolder();
    private readonly string _sysfs = Directory.CreateTempSubdirectory("liberty-sysfs-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var folder in new[] { _folder, _sysfs })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Restart_DimmerLevelSet_LastLevelBackMarkedNotHeardInApiAndCli()
    {
        var led = Path.Combine(_sysfs, "class", "leds", "porch");
        Directory.CreateDirectory(led);
        File.WriteAllText(Path.Combine(led, "brightness"), "0\n");
        File.WriteAllText(Path.Combine(led, "max_brightness"), "255\n");
        await using (var node = await TestNode.StartAsync(Configure, fakeTasks: false, folder: _folder))
        {
            await ManagementApiTests.AwaitAsync(() => Level(Show(node).Result) is (0, false), "the LED read at level 0");
            var (code, _, err) = await Cli(node, "device", "command", "porch-light", "level", "77");
            Assert.True(code == 0, err);
            await ManagementApiTests.AwaitAsync(() => Level(Show(node).Result) is (77, false), "porch-light at level 77");
            Assert.Equal("77", File.ReadAllText(Path.Combine(led, "brightness")).Trim());
        }

        Directory.Delete(led, recursive: true);
        await using var again = await TestNode.StartAsync(Configure, fakeTasks: false, folder: _folder);
        var device = await Show(again);
        Assert.True(Level(device) is (77, true), $"expected level 77 restored (not heard) after the restart: {device}");
        var (showCode, output, showErr) = await Cli(again, "device", "show", "porch-light");
        Assert.True(showCode == 0, showErr);
        var row = output.Split('\n').Single(l => l.StartsWith("0x0008", StringComparison.Ordinal) && l.Contains("0x0000", StringComparison.Ordinal));
        Assert.Contains("77", row, StringComparison.Ordinal);
        Assert.Contains("no (last known)", row, StringComparison.Ordinal);
    }

    private void Configure(Liberty.Node.Hosting.NodeOptions options)
    {
        options.Devices.Sysfs.Root = _sysfs;
        options.Devices.Devices.Add(new Liberty.Devices.Drivers.DeviceDeclaration { Name = "porch-light", Driver = "sysfs", Kind = "led", Parameters = { ["path"] = "class/leds/porch" } });
    }

    private static (long Level, bool Restored)? Level(JsonElement device) =>
        device.GetProperty("attributes").EnumerateArray()
            .Where(static a => a.GetProperty("cluster").GetInt32() == LevelCluster && a.GetProperty("attribute").GetInt32() == 0)
            .Select(static a => ((long Level, bool Restored)?)(a.GetProperty("value").GetInt64(), a.GetProperty("restored").GetBoolean()))
            .FirstOrDefault();

    private static async Task<JsonElement> Show(TestNode node)
    {
        using var json = JsonDocument.Parse(await node.Http.GetStringAsync("/api/devices/porch-light"));
        return json.RootElement.Clone();
    }

    private static async Task<(int Code, string Out, string Err)> Cli(TestNode node, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["--node", node.Url, "--token", node.Node.Token, .. args], TextReader.Null, output, error, CancellationToken.None, static _ => null);
        return (code, output.ToString(), error.ToString());
    }
}
