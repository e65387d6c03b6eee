using Liberty.Node.Cli;
using Liberty.Tests.Management;

namespace Liberty.Tests.Cli;

/// <summary>The CLI against a node with its real task manager, Lua and SQLite journal: the issue's "done when" path.</summary>
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

    [Fact]
    public async Task TaskShow_LuaTaskInError_TracebackUnderTheReasonAndStatisticsRows()
    {
        await using var node = await TestNode.StartAsync(fakeTasks: false, folder: _folder);
        Assert.Equal(0, (await Run(node, "app", "deploy", Write("crash.lua", NodeStatusRealNodeTests.CrashingApp))).Code);
        var id = (await Run(node, "task", "start", "crash", "Crash")).Out.Trim();
        // The state turns Error when the error is caught; the thread is counted until the engine has ended it, a moment later.
        await ManagementApiTests.AwaitAsync(() =>
        {
            var rows = Run(node, "task", "show", id).Result.Out.Split('\n').Select(static l => l.TrimEnd('\r')).ToList();
            return rows.Any(static l => l.StartsWith("State", StringComparison.Ordinal) && l.EndsWith(" Error", StringComparison.Ordinal))
                && rows.Any(static l => l.StartsWith("Threads", StringComparison.Ordinal) && l.EndsWith(" 0", StringComparison.Ordinal));
        }, "the task in Error with its thread ended");

        var show = await Run(node, "task", "show", id);
        var json = await Run(node, "task", "show", id, "--json");

        Assert.Equal(0, show.Code);
        var lines = show.Out.Split('\n').Select(static l => l.TrimEnd('\r')).ToList();
        var reason = lines.FindIndex(static l => l.StartsWith("Reason", StringComparison.Ordinal));
        Assert.True(reason >= 0 && lines[reason].Contains("crash.lua:2:", StringComparison.Ordinal), show.Out);
        Assert.Equal("Traceback:", lines[reason + 1]);
        Assert.Contains(lines.Skip(reason + 2).TakeWhile(static l => l.StartsWith("    ", StringComparison.Ordinal)), static l => l.Contains("crash.lua:6:", StringComparison.Ordinal));
        foreach (var row in new[] { "Threads", "Events dropped", "Log lines suppressed", "Lua memory", "Lua memory peak", "Longest slice", "Busy time" })
        {
            Assert.Contains(lines, l => l.StartsWith(row + ":", StringComparison.Ordinal) || l.StartsWith(row + " ", StringComparison.Ordinal));
        }
        Assert.Contains(lines, static l => l.StartsWith("State", StringComparison.Ordinal) && l.EndsWith(" Error", StringComparison.Ordinal));
        using var document = System.Text.Json.JsonDocument.Parse(json.Out);
        Assert.Contains("crash.lua:6:", document.RootElement.GetProperty("traceback").GetString(), StringComparison.Ordinal);
        Assert.True(document.RootElement.GetProperty("statistics").GetProperty("luaMemoryPeakBytes").GetInt64() > 0, json.Out);
    }

    [Fact]
    public async Task TaskLogsFollow_LuaTaskReturns_EveryLineNumberedThenEndedAndExit0()
    {
        await using var node = await TestNode.StartAsync(fakeTasks: false, folder: _folder);
        Assert.Equal(0, (await Run(node, "app", "deploy", Write("count.lua", "function Count(n)\n  for i = 1, n do\n    print('line ' .. i)\n    Libre_Wait(10)\n  end\nend\n"))).Code);
        var id = (await Run(node, "task", "start", "count", "Count", "--args", "[3]")).Out.Trim();

        var follow = await Run(node, "task", "logs", id, "--follow").WaitAsync(TimeSpan.FromMinutes(1));
        var lines = follow.Out.TrimEnd().Split('\n').Select(static l => l.TrimEnd('\r')).ToList();

        Assert.Equal((0, ""), (follow.Code, follow.Err));
        Assert.Equal(4, lines.Count);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Matches($@"^#{i}  \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d  line {i}$", lines[i - 1]);
        }
        Assert.Matches($@"^Task {id} ended: Stopped \(ended by itself: its last thread \(\d+\) returned\)\.$", lines[3]);
    }

    [Fact]
    public async Task LogPeek_NodeLogNamesTasksByTheirApiIds()
    {
        string first;
        await using (var before = await TestNode.StartAsync(fakeTasks: false, folder: _folder))
        {
            Assert.Equal(0, (await Run(before, "app", "deploy", Write("count.lua", "function Count(n)\n  for i = 1, n do\n    print('line ' .. i)\n  end\n  error('the end')\nend\n"))).Code);
            first = (await Run(before, "task", "start", "count", "Count", "--args", "[1]", "--name", "first")).Out.Trim();
            Assert.Equal(0, (await Run(before, "task", "logs", first, "--follow")).Code);
        }
        // After a restart the task manager's ids go on from the journal, while a fresh engine would count from 1 again.
        await using var node = await TestNode.StartAsync(fakeTasks: false, folder: _folder);
        var second = (await Run(node, "task", "start", "count", "Count", "--args", "[2]", "--name", "second")).Out.Trim();
        Assert.Equal(0, (await Run(node, "task", "logs", second, "--follow")).Code);

        var peek = (await Run(node, "log", "peek", "-n", "1000")).Out;

        Assert.NotEqual(first, second);
        var aboutSecond = peek.Split('\n').Where(static l => l.Contains("(second)", StringComparison.Ordinal)).ToList();
        Assert.Contains(aboutSecond, l => l.Contains($"Task {second} (second) started", StringComparison.Ordinal));
        Assert.Contains(aboutSecond, l => l.Contains($"Task {second} (second)", StringComparison.Ordinal) && l.Contains("the end", StringComparison.Ordinal));
        Assert.All(aboutSecond, l => Assert.Contains($"ask {second} (second)", l, StringComparison.Ordinal));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_files, name);
        File.WriteAllText(path, text);
        return path;
    }
}
