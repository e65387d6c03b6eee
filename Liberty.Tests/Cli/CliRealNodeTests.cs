using Liberty.Node.Cli;
using Liberty.Tests.Management;

namespace Liberty.Tests.Cli;

/// <summary>The CLI against a node with its real task manager, Lua and SQLite journal: the "done when" path.</summary>
public sealed class CliRealNodeTests : IAsyncLifetime
{
    private readonly string _folder = TestNode.NewFolder();
    private readonly string _files = Directory.CreateTempSubdirectory("liberty-cli-real-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_files, recursive: true);
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        return Task.CompletedTask;
    }

    private static async Task<(int Code, string Out, string Err)> Run(TestNode node, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["--node", node.Url, "--token", node.Node.Token, .. args], TextReader.Null, output, error, CancellationToken.None, static _ => null);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task DeployStartLogsCommandStopRestart_StateSurvives()
    {
        var lua = Path.Combine(_files, "greet.lua");
        File.WriteAllText(lua, "function Greet(who, times)\n  for i = 1, times do\n    print('hello ' .. who .. ' ' .. i)\n  end\n  Libre_Wait(60000)\nend\n");
        string id;
        await using (var node = await TestNode.StartAsync(fakeTasks: false, folder: _folder))
        {
            Assert.Equal(0, (await Run(node, "app", "deploy", lua)).Code);
            var start = await Run(node, "task", "start", "greet", "Greet", "--args", "[\"world\", 2]", "--name", "g1");
            Assert.True(start.Code == 0, start.Err);
            id = start.Out.Trim();
            await ManagementApiTests.AwaitAsync(() => Run(node, "task", "logs", id).Result.Out.Contains("hello world 2", StringComparison.Ordinal), "the task's second line");
            var command = await Run(node, "device", "command", "hall-light", "toggle");
            Assert.Equal("node1/hall-light: Success", command.Out.Trim());
            var stop = await Run(node, "task", "stop", id);
            Assert.Contains("Disabled", stop.Out, StringComparison.Ordinal);
            var bad = await Run(node, "app", "deploy", Write("broken.lua", "function ("));
            Assert.Equal(CliExitCodes.NodeFailure, bad.Code);
            Assert.Contains("broken.lua", bad.Err, StringComparison.Ordinal);
        }

        await using var again = await TestNode.StartAsync(fakeTasks: false, folder: _folder);
        var list = await Run(again, "task", "list");
        var apps = await Run(again, "app", "list");

        Assert.Contains("g1", list.Out, StringComparison.Ordinal);
        Assert.Contains("Disabled", list.Out, StringComparison.Ordinal);
        Assert.Contains("greet", apps.Out, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_files, name);
        File.WriteAllText(path, text);
        return path;
    }
}
