using Liberty.Devices.Model;
using Liberty.Node.Engine;

namespace Liberty.Tests.LuaDevices;

/// <summary>apps/sprinkler.lua (a Gen-2 app in TypeScriptToLua's style) on simulated valves: it starts, closes every valve and waits for its plan.</summary>
public sealed class SprinklerValveSpecs(ITestOutputHelper output) : LuaDeviceSpec(output)
{
    private static string Source()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "apps", "sprinkler.lua");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }
        throw new InvalidOperationException("apps/sprinkler.lua not found");
    }

    [Fact]
    public async Task Sprinkler_Starts_ClosesTheValvesAndWaitsForThePlan()
    {
        UserCommand("lamp", ClusterIds.OnOff, CommandIds.OnOff.On);
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        var plan = new Dictionary<string, object?> { ["day"] = 1L, ["start"] = 23400L, ["minutes"] = 15L, ["next"] = new Dictionary<string, object?> { ["day"] = 3L, ["start"] = 0L, ["minutes"] = 5L } };

        var task = RunWithDevices(Source(), "Sprinkler", new object?[] { Id("lamp"), Id("lamp2") }, plan);

        await LogLine(task, "2 zone(s), first on Monday");
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
        Assert.Equal(TaskState.Running, task.State);
    }
}
