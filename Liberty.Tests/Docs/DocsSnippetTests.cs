using System.Text.RegularExpressions;
using Liberty.Devices.Actors;
using Liberty.Devices.Model;
using Liberty.Node.Apps.Schema;
using Liberty.Node.Engine;
using Liberty.Node.Engine.Io;
using Liberty.Node.Lua.Api;
using Liberty.Tests.Io;
using Liberty.Tests.LuaDevices;

namespace Liberty.Tests.Docs;

/// <summary>
/// Runs the examples of docs/writing-apps.md: every fenced block whose info string is <c>lua test=NAME</c> (or
/// <c>json test=NAME</c>) is extracted and checked here, on the real engine with the simulated devices of
/// <see cref="LuaDeviceSpec"/> (node <c>gw1</c>), a loopback LAN device (id 1) and virtual time.
/// </summary>
public sealed partial class DocsSnippetTests : LuaDeviceSpec
{
    private const string Page = "writing-apps.md";

    /// <summary>The tagged blocks this class checks; a block without a test here (or a test without a block) fails.</summary>
    private static readonly string[] Checked = ["blink", "follow", "group", "group-sig", "auto-off", "threads", "tcp", "error"];

    private readonly IoService _io;
    private readonly LuaServices _services;
    private long _nextTask = 500;

    public DocsSnippetTests(ITestOutputHelper output)
        : base(output)
    {
        var network = new NetworkOptions();
        network.LanDevices.Add(new LanDevice { Id = 1, Name = "receiver", Host = "127.0.0.1" });
        _io = new IoService(network, Clock);
        _services = new LuaServices(Host)
        {
            Options = DeviceServices.Options,
            Devices = DeviceServices.Devices,
            DeviceBus = DeviceServices.DeviceBus,
            DeviceRegistry = DeviceServices.DeviceRegistry,
            DeviceActions = DeviceServices.DeviceActions,
            Io = _io,
        };
    }

    [GeneratedRegex(@"^```(?<lang>lua|json) test=(?<name>[a-z0-9-]+)[ \t]*\r?\n(?<body>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TaggedBlock();

    private static string PagePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", Page);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException($"docs/{Page} not found above {AppContext.BaseDirectory}");
    }

    private static Dictionary<string, string> Blocks()
    {
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in TaggedBlock().Matches(File.ReadAllText(PagePath())))
        {
            var name = match.Groups["name"].Value;
            Assert.True(blocks.TryAdd(name, match.Groups["body"].Value), $"docs/{Page}: two blocks are tagged test={name}");
        }
        return blocks;
    }

    private static string Block(string name) =>
        Blocks().TryGetValue(name, out var body) ? body : throw new Xunit.Sdk.XunitException($"docs/{Page} has no block tagged test={name}");

    private LuaRun RunSnippet(string name, string chunk, string function, params object?[] arguments) =>
        RunSnippet(++_nextTask, name, chunk, function, arguments);

    private LuaRun RunSnippet(long id, string name, string chunk, string function, params object?[] arguments)
    {
        var task = new LuaRun(_services, id, $"docs-{name}", new LuaTaskDefinition(Block(name), chunk, function, arguments));
        task.Start();
        return task;
    }

    [Fact]
    public void Page_TaggedBlocks_AreExactlyTheCheckedOnes()
    {
        var found = Blocks().Keys.Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Checked.Order(StringComparer.Ordinal).ToArray(), found);
    }

    [Fact]
    public async Task Blink_ThreeTimes_LightBlinksThenTaskStops()
    {
        var task = RunSnippet("blink", "blink.lua", "Blink", Id("lamp"), 3L);

        // It switches the light on at once, then sleeps in virtual time.
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        Assert.Equal(TaskState.Running, task.State);
        await LogLine(task, "blinked 3 times", TimeSpan.FromMilliseconds(250));

        Assert.Equal(TaskState.Stopped, await Ended(task));
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
    }

    [Fact]
    public async Task Follow_LeaderSwitchedOn_FollowerGoesOnAndItIsLogged()
    {
        var task = RunSnippet("follow", "follow.lua", "Follow", Id("lamp"), Id("lamp2"));
        await LogLine(task, "following");

        UserCommand("lamp", ClusterIds.OnOff, CommandIds.OnOff.On);

        await AwaitAttribute("lamp2", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await LogLine(task, "leader is on");
        Assert.Equal(TaskState.Running, task.State);
    }

    [Fact]
    public async Task Group_BoundWithTheSigBlock_VirtualLightSwitchesTheLights()
    {
        Assert.True(AppSignature.TryParse(Block("group-sig"), out var signature, out var parseError), parseError);
        var id = ++_nextTask;
        var lookups = new ArgumentLookups { Device = ArgumentLookups.FromDirectory(Directory) };
        var binding = await ArgumentBinder.BindAsync(signature, "Group", """{"lights": ["gw1/lamp", "gw1/lamp2"]}""", lookups, new RegistryVirtualDeviceFactory(Registry, TimeSpan.FromSeconds(5)), id);
        Assert.True(binding.Ok, binding.Error);
        var vdev = Assert.Single(binding.VirtualDevices);
        Assert.True(Directory.TryGet(vdev, out var virtualLight));

        var task = RunSnippet(id, "group", "group.lua", "Group", [.. binding.Values]);
        task.OnEnd(() => _ = binding.Cleanup().AsTask());
        await LogLine(task, "group of 2 ready");
        virtualLight.Actor.Tell(new SendDeviceCommand(new DeviceCommand(ClusterIds.OnOff, CommandIds.OnOff.On, [], EventSource.ManualRemote), ReplyWithResult: false), TestActor);

        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await AwaitAttribute("lamp2", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await AwaitConditionAsync(() => virtualLight.Snapshot.TryGetOnOff(out var on) && on, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));

        // The task's end removes the virtual light (section 3).
        task.Stop();
        Assert.Equal(TaskState.Disabled, await Ended(task));
        await AwaitConditionAsync(() => !Directory.TryGet(vdev, out _), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task GroupSig_Thermostat_RefusedNamingTheParameter()
    {
        Assert.True(AppSignature.TryParse(Block("group-sig"), out var signature, out var parseError), parseError);
        var lookups = new ArgumentLookups { Device = ArgumentLookups.FromDirectory(Directory) };

        var binding = await ArgumentBinder.BindAsync(signature, "Group", """{"lights": ["gw1/thermo"]}""", lookups, null, 1);

        Assert.False(binding.Ok);
        Assert.StartsWith("lights[1]: device gw1/thermo (", binding.Error, StringComparison.Ordinal);
        Assert.EndsWith("does not match DeviceType '1,ffff,6'.", binding.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoOff_LightSwitchedOn_GoesOffAfterTheDelayNotBefore()
    {
        var task = RunSnippet("auto-off", "auto-off.lua", "AutoOff", Id("lamp"), 30L);
        await LogLine(task, "watching");

        UserCommand("lamp", ClusterIds.OnOff, CommandIds.OnOff.On);
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, true);
        await AdvanceInStepsAsync(TimeSpan.FromSeconds(29));
        Assert.True(Entry("lamp").Snapshot.TryGetOnOff(out var stillOn) && stillOn, "the light went off before its 30 s");
        Assert.DoesNotContain(Lines(task), l => l.Contains("timeout", StringComparison.Ordinal));

        await LogLine(task, "timeout: switching off", TimeSpan.FromSeconds(1));
        await AwaitAttribute("lamp", ClusterIds.OnOff, AttributeIds.OnOff.State, false);
        Assert.Equal(TaskState.Running, task.State);
    }

    [Fact]
    public async Task Threads_FivePosts_CountedThenTheTickersEndIsSeen()
    {
        var task = RunSnippet("threads", "counter.lua", "Counter", 5L);

        await LogLine(task, "ticker Returned, counted 5", TimeSpan.FromMilliseconds(50));

        Assert.Equal(TaskState.Stopped, await Ended(task));
        Assert.Equal(["ticker Returned, counted 5"], Lines(task));
    }

    [Fact]
    public async Task Tcp_DeviceAnswersPowerLine_LoggedAndClosed()
    {
        using var server = new LoopbackServer();
        var task = RunSnippet("tcp", "status.lua", "PowerStatus", 1L, (long)server.Port);
        await server.AcceptAsync();

        Assert.Equal("PW?", await server.ReadUntilAsync());
        await server.SendAsync("PWON\r");

        await LogLine(task, "power: PWON");
        Assert.Equal(TaskState.Stopped, await Ended(task));
        await server.ExpectClosedAsync();
    }

    [Fact]
    public async Task Error_NilIndexed_TaskInErrorWithFileLineAndTraceback()
    {
        var task = RunSnippet("error", "broken.lua", "Broken");

        Assert.Equal(TaskState.Error, await Ended(task));
        Assert.Contains("broken.lua:5: attempt to index a nil value (local 'reading')", task.Reason, StringComparison.Ordinal);
        Assert.NotNull(task.Traceback);
        Assert.Contains("broken.lua:5:", task.Traceback, StringComparison.Ordinal);
        Assert.Contains(Lines(task), l => l == "starting");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _io.Dispose();
        }
    }
}
