using System.Diagnostics;
using System.Text.Json;
using Liberty.Node.Cli;
using Liberty.Tests.Management;

namespace Liberty.Tests.Cli;

public sealed class CliAppTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private string _files = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _files = Directory.CreateTempSubdirectory("liberty-cli-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_files, recursive: true);
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args) => await RunWith(null, args);

    private async Task<(int Code, string Out, string Err)> RunWith(string? input, string[] args, bool withCredentials = true, CancellationToken ct = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] all = withCredentials ? ["--node", _node.Url, "--token", _node.Node.Token, .. args] : args;
        var code = await CliApp.RunAsync(all, new StringReader(input ?? ""), output, error, ct, static _ => null);
        return (code, output.ToString(), error.ToString());
    }

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_files, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task EndToEnd_DeployStartLogsCommandStop()
    {
        var lua = WriteFile("blink.lua", "function Blink(device, period)\nend\n");
        var sig = WriteFile("blink.sig", """{"Blink":[{"name":"device","type":"device"},{"name":"period","type":"number"}]}""");

        var deploy = await Run("app", "deploy", lua, "--schema", sig);
        var start = await Run("task", "start", "blink", "Blink", "--args", "[\"kitchen-light\", 2]", "--name", "b1");
        var id = start.Out.Trim();
        var logs = await Run("task", "logs", id);
        var command = await Run("device", "command", "kitchen-light", "on");
        var show = await Run("device", "show", "kitchen-light");
        var stop = await Run("task", "stop", id);
        var list = await Run("task", "list");

        Assert.Equal((0, ""), (deploy.Code, deploy.Err));
        Assert.Contains("App blink deployed: version 1", deploy.Out, StringComparison.Ordinal);
        Assert.Equal(0, start.Code);
        Assert.Matches("^[0-9]+$", id);
        Assert.Contains("start Blink [\"kitchen-light\",2]", logs.Out, StringComparison.Ordinal);
        Assert.Equal("node1/kitchen-light: Success", command.Out.Trim());
        Assert.Matches(@"(?m)^0x0006 +0x0000 +OnOff +on +true ", show.Out);
        Assert.Contains("State:     Disabled", stop.Out, StringComparison.Ordinal);
        Assert.Contains("b1", list.Out, StringComparison.Ordinal);
        Assert.StartsWith("ID", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppDeploy_DescriptionFiles_GivenOrBesideTheSchema_SentByLocale()
    {
        var lua = WriteFile("show.lua", "function LightShow(groups)\nend\n");
        var sig = WriteFile("Show.sig", """{"Functions":[{"NativeName":"LightShow"}]}""");
        WriteFile("Show.sigdesc.en", """{"Name":"Light show"}""");
        WriteFile("Show.sigdesc.de", """{"Name":"Lichtshow"}""");
        var fake = _node.Tasks!;

        var beside = await Run("app", "deploy", lua, "--schema", sig);
        Assert.Equal((0, ""), (beside.Code, beside.Err));
        Assert.Equal(["de", "en"], fake.LastDescriptions!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Lichtshow", fake.LastDescriptions["de"], StringComparison.Ordinal);

        var given = await Run("app", "deploy", lua, "--schema", sig, "--desc", Path.Combine(_files, "Show.sigdesc.en"));
        Assert.Equal(0, given.Code);
        Assert.Equal(["en"], fake.LastDescriptions!.Keys);

        var bad = await Run("app", "deploy", lua, "--schema", sig, "--desc", WriteFile("notes.txt", "{}"));
        Assert.Equal(CliExitCodes.Usage, bad.Code);
        Assert.Contains("--desc: '", bad.Err, StringComparison.Ordinal);
        Assert.Contains("is not named <App>.sigdesc.<locale>", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskLogs_Follow_PrintsNewLinesUntilCancelled()
    {
        await Run("app", "deploy", WriteFile("a.lua", "function F()\nend\n"));
        var id = long.Parse((await Run("task", "start", "a", "F")).Out.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        var writer = TextWriter.Synchronized(output);

        var follow = CliApp.RunAsync(["--node", _node.Url, "--token", _node.Node.Token, "task", "logs", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--follow"], TextReader.Null, writer, TextWriter.Null, stop.Token, static _ => null);
        await ManagementApiTests.AwaitAsync(() => _node.Tasks!.Followers(id) == 1, "the CLI to follow the log");
        _node.Tasks!.Log(id, "hello from the task");
        await ManagementApiTests.AwaitAsync(() => Snapshot(writer, output).Contains("hello from the task", StringComparison.Ordinal), "the followed line to be printed");
        stop.Cancel();

        Assert.Equal(0, await follow.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("start F", Snapshot(writer, output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskLogs_Follow_TaskEnds_PrintsTheLinesWithTheirNumbersSaysItEndedAndExits0()
    {
        await Run("app", "deploy", WriteFile("a.lua", "function F()\nend\n"));
        var id = long.Parse((await Run("task", "start", "a", "F")).Out.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var output = new StringWriter();
        var writer = TextWriter.Synchronized(output);

        var follow = CliApp.RunAsync(["--node", _node.Url, "--token", _node.Node.Token, "task", "logs", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--follow"], TextReader.Null, writer, TextWriter.Null, CancellationToken.None, static _ => null);
        await ManagementApiTests.AwaitAsync(() => _node.Tasks!.Followers(id) == 1, "the CLI to follow the log");
        _node.Tasks!.Log(id, "done");
        _node.Tasks.End(id);

        Assert.Equal(0, await follow.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(
        [
            "#1  1970-01-01 00:00:00  start F []",
            "#2  1970-01-01 00:00:01  done",
            $"Task {id} ended: Stopped.",
        ], Snapshot(writer, output).TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Json_PlainUtf8_AndTaskArgumentsAreJson()
    {
        await Run("app", "deploy", WriteFile("a.lua", "function F(x)\nend\n"));
        var id = (await Run("task", "start", "a", "F", "--args", "[\"it's 20 °C\"]")).Out.Trim();
        _node.Tasks!.Log(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), "l'été: 21 °C");

        var show = await Run("--json", "task", "show", id);
        var logs = await Run("--json", "task", "logs", id);
        var forPeople = await Run("task", "show", id);

        Assert.Contains("\"arguments\": [\n    \"it's 20 °C\"\n  ]", show.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\"text\": \"l'été: 21 °C\"", logs.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", show.Out + logs.Out, StringComparison.Ordinal);
        Assert.Contains("Arguments: [\"it's 20 °C\"]", forPeople.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceListAndShow_ValuesInTheirUnits_RawBeside()
    {
        var list = await Run("device", "list");
        var show = await Run("device", "show", "outdoor-temperature");

        // The simulated temperature drifts between calls: each output is checked against itself.
        var row = System.Text.RegularExpressions.Regex.Match(show.Out, @"(?m)^0x0402 +0x0000 +MeasuredValue +(-?\d+\.\d\d) °C +(-?\d+) ");
        Assert.True(row.Success, show.Out);
        Assert.Equal(long.Parse(row.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) / 100.0, double.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.Matches(@"(?m)^\d+ +node1/outdoor-temperature +.*  -?\d+\.\d\d °C\s*$", list.Out);
        Assert.Matches(@"(?m)^\d+ +node1/living-dimmer +.*  (on|off), level \d+ \(\d+ %\)\s*$", list.Out);
        Assert.Matches(@"(?m)^\d+ +node1/kitchen-light +.*  (on|off)\s*$", list.Out);
        Assert.DoesNotContain("temperature=", list.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run --htp 127.0.0.1:1", "--http", "--htp")]
    [InlineData("run --data x --sed 10.0.0.1:4053", "--seed", "--sed")]
    [InlineData("nod status", "node", "nod")]
    [InlineData("task lgs 1", "logs", "lgs")]
    public async Task UnknownFlagOrCommand_NamesTheNearestAndExit2(string line, string nearest, string typed)
    {
        var (code, output, error) = await RunWith(null, line.Split(' '), withCredentials: false);

        Assert.Equal((2, ""), (code, output));
        Assert.Contains($"liberty: did you mean '{nearest}' instead of '{typed}'?", error, StringComparison.Ordinal);
    }

    // TextWriter.Synchronized locks the wrapper itself around each write.
    private static string Snapshot(TextWriter writer, StringWriter output)
    {
        lock (writer)
        {
            return output.ToString();
        }
    }

    [Fact]
    public async Task DeviceCommand_LevelWithTransition_AndGenericCluster()
    {
        var level = await Run("device", "command", "living-dimmer", "level", "100", "--transition", "0");
        var generic = await Run("device", "command", "living-dimmer", "--cluster", "0x0006", "--command", "0");

        Assert.Equal(0, level.Code);
        Assert.Equal(0, generic.Code);
        // The command is answered when the device took it; its attribute report reaches the cache just after.
        var deadline = Stopwatch.StartNew();
        bool? on;
        do
        {
            var json = await Run("--json", "device", "show", "living-dimmer");
            using var device = JsonDocument.Parse(json.Out);
            on = device.RootElement.GetProperty("attributes").EnumerateArray()
                .Single(static a => a.GetProperty("cluster").GetInt32() == 6 && a.GetProperty("attribute").GetInt32() == 0)
                .GetProperty("value").GetBoolean();
        }
        while (on != false && deadline.Elapsed < TimeSpan.FromSeconds(10));
        Assert.False(on);
    }

    [Fact]
    public async Task Json_DeviceList_IsTheNodesJson()
    {
        var (code, output, _) = await Run("--json", "device", "list");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        Assert.Equal(6, document.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task NodeStatusActorLogCluster_PrintForPeople()
    {
        var status = await Run("node", "status");
        var system = await Run("actor", "system");
        var hierarchy = await Run("actor", "hierarchy", "-d", "2", "-s", "/user");
        var log = await Run("log", "peek", "-n", "5");
        var cluster = await Run("cluster", "show");

        Assert.Contains("Devices:    6 (6 ok)", status.Out, StringComparison.Ordinal);
        Assert.Contains("Task stats: 7 events dropped, 11 log lines suppressed, 3.0 MiB Lua memory", status.Out, StringComparison.Ordinal);
        Assert.Contains(" utilisation (busy ratio of the task thread)", status.Out, StringComparison.Ordinal);
        Assert.Contains("User actors:", system.Out, StringComparison.Ordinal);
        Assert.Contains("  /user/devices [DeviceRegistry]", hierarchy.Out, StringComparison.Ordinal);
        Assert.Equal(5, log.Out.Trim().Split('\n').Length);
        Assert.StartsWith("This node runs alone", cluster.Out, StringComparison.Ordinal);
        Assert.Contains(" | [node:node1] | Up | Reachable | ", cluster.Out, StringComparison.Ordinal);
        Assert.EndsWith("Count: 1 nodes", cluster.Out.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("Cluster:    none (this node runs alone)", status.Out, StringComparison.Ordinal);
        Assert.All([status, system, hierarchy, log, cluster], static r => Assert.Equal(0, r.Code));
    }

    [Fact]
    public async Task NodeRefuses_Exit1WithOneLineReason()
    {
        var (code, output, error) = await Run("task", "show", "424242");

        Assert.Equal(CliExitCodes.NodeFailure, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("liberty: no task 424242", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadLua_Exit1NamingTheLine()
    {
        var (code, _, error) = await Run("app", "deploy", WriteFile("bad.lua", "error(\n"));

        Assert.Equal(CliExitCodes.NodeFailure, code);
        Assert.Contains("bad.lua:1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("task", "frobnicate")]
    [InlineData("task", "show", "notanumber")]
    [InlineData("device", "command", "kitchen-light")]
    [InlineData("device", "command", "kitchen-light", "level")]
    [InlineData("task", "start", "a", "F", "--args", "{not json")]
    [InlineData("device", "command", "kitchen-light", "--cluster", "on-off", "--command", "1")]
    [InlineData("device", "command", "kitchen-light", "--cluster", "6", "--command", "1", "--args", "{\"on\": true}")]
    [InlineData("app", "deploy", "/no/such/file.lua")]
    public async Task BadUsage_Exit2(params string[] args)
    {
        var (code, _, error) = await Run(args);

        Assert.Equal(CliExitCodes.Usage, code);
        Assert.StartsWith("liberty: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongToken_Exit3()
    {
        var (code, _, error) = await RunWith(null, ["--node", _node.Url, "--token", "nope", "node", "status"], withCredentials: false);

        Assert.Equal(CliExitCodes.Unreachable, code);
        Assert.Contains("refused the token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenFromDataFolder_UsedWhenNoTokenGiven()
    {
        var (code, output, _) = await RunWith(null, ["--node", _node.Url, "--data", _node.Folder, "node", "status"], withCredentials: false);

        Assert.Equal(0, code);
        Assert.Contains("node1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoNode_Exit3()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, _, error) = await RunWith(null, ["--node", $"127.0.0.1:{port}", "--token", "x", "node", "status"], withCredentials: false);

        Assert.Equal(CliExitCodes.Unreachable, code);
        Assert.Contains("cannot reach the node", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shell_RunsEachLineThenExits()
    {
        var lua = WriteFile("s.lua", "function S()\nend\n");

        var (code, output, error) = await RunWith($"app deploy '{lua}'\ntask start s S --args '[1]'\ntask list\nbogus\nexit\n", ["shell"]);

        Assert.Equal(0, code);
        Assert.Contains("App s deployed", output, StringComparison.Ordinal);
        Assert.Contains("liberty> ", output, StringComparison.Ordinal);
        Assert.Contains("Running", output, StringComparison.Ordinal);
        Assert.Contains("bogus", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppListVersionsRemove_Tables()
    {
        var lua = WriteFile("v.lua", "function V()\nend\n");
        await Run("app", "deploy", lua);
        await Run("app", "deploy", lua);

        var list = await Run("app", "list");
        var versions = await Run("app", "versions", "v");
        var remove = await Run("app", "remove", "v");
        var again = await Run("app", "remove", "v");

        Assert.Contains("v     2", list.Out, StringComparison.Ordinal);
        Assert.Equal(3, versions.Out.Trim().Split('\n').Length);
        Assert.Equal(0, remove.Code);
        Assert.Equal(CliExitCodes.NodeFailure, again.Code);
    }
}
