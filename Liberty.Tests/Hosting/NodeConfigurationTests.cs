using Liberty.Node.Hosting;

namespace Liberty.Tests.Hosting;

public sealed class NodeConfigurationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "liberty-config-" + Guid.NewGuid().ToString("N"));

    public NodeConfigurationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Data => Path.Combine(_folder, "data");

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_folder, "node.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static Dictionary<string, string?> Env(params (string Key, string Value)[] pairs) => pairs.ToDictionary(static p => p.Key, static p => (string?)p.Value);

    [Fact]
    public void TryLoad_NoConfiguration_EmbeddedDefaults()
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data), Env(), out var options);

        Assert.Empty(problems);
        Assert.Equal("node1", options.Name);
        Assert.Equal("127.0.0.1:9110", options.Http.Listen);
        Assert.Equal(Liberty.Node.Persistence.PersistenceProvider.Sqlite, options.Persistence.Provider);
        Assert.Equal(["kitchen-light", "hall-light", "living-dimmer", "wall-switch", "outdoor-temperature", "thermostat"], options.Devices.Devices.Select(static d => d.Name));
    }

    [Fact]
    public void TryLoad_FileEnvironmentFlags_FlagsWinOverEnvironmentOverFile()
    {
        var file = WriteConfig("""{ "Node": { "Name": "from-file" }, "Http": { "Listen": "127.0.0.1:1000", "MaxRequestBodyBytes": 5000 } }""");

        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(file, Data, Name: "from-flag"), Env(("LIBERTY__Node__Name", "from-env"), ("LIBERTY__Http__Listen", "127.0.0.1:2000")), out var options);

        Assert.Empty(problems);
        Assert.Equal("from-flag", options.Name);
        Assert.Equal("127.0.0.1:2000", options.Http.Listen);
        Assert.Equal(5000, options.Http.MaxRequestBodyBytes);
    }

    [Fact]
    public void TryLoad_DeclaredDevices_ReplaceTheDefaults()
    {
        var file = WriteConfig("""{ "Devices": { "Devices": [ { "Name": "lamp", "Driver": "simulated", "Kind": "dimmable-light" } ] } }""");

        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(file, Data), Env(), out var options);

        Assert.Empty(problems);
        Assert.Equal("lamp", Assert.Single(options.Devices.Devices).Name);
    }

    [Theory]
    [InlineData("127.0.0.1:99999", "Http:Listen")]
    [InlineData("nohost", "Http:Listen")]
    [InlineData("example.com:80", "Http:Listen")]
    public void TryLoad_BadListen_NamesTheSetting(string listen, string setting)
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data, Http: listen), Env(), out _);

        Assert.Contains(problems, p => p.StartsWith(setting + ":", StringComparison.Ordinal) && p.Contains(listen.Split(':')[^1], StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_DataFolderIsAFile_NamesTheSetting()
    {
        var file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "x");

        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Path.Combine(file, "data")), Env(), out _);

        Assert.Contains(problems, static p => p.StartsWith("Node:DataFolder:", StringComparison.Ordinal) && p.Contains("not a writable folder", StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_UnknownDeviceKind_NamesTheDeclaration()
    {
        var file = WriteConfig("""{ "Devices": { "Devices": [ { "Name": "lamp", "Driver": "simulated", "Kind": "lava-lamp" } ] } }""");

        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(file, Data), Env(), out _);

        Assert.Contains(problems, static p => p.StartsWith("Devices:Devices:0:Kind", StringComparison.Ordinal) && p.Contains("lava-lamp", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "Http": { "Lisen": "127.0.0.1:1" } }""", "Http")]
    [InlineData("""{ "Http": { "MaxRequestBodyBytes": "lots" } }""", "MaxRequestBodyBytes")]
    [InlineData("""{ "Http": { "MaxRequestBodyBytes": 0 } }""", "Http:MaxRequestBodyBytes")]
    [InlineData("""{ "Engine": { "EventQueueCapacity": 0 } }""", "Engine:EventQueueCapacity")]
    [InlineData("""{ "Persistence": { "Provider": "oracle" } }""", "Persistence:Provider")]
    [InlineData("""{ "Persistence": { "Provider": "postgresql" } }""", "Persistence:ConnectionString")]
    [InlineData("""{ "Node": { "Name": "a/b" } }""", "Node:Name")]
    [InlineData("""{ "Node": { "DeviceStateSaveInterval": "00:00:00" } }""", "Node:DeviceStateSaveInterval")]
    public void TryLoad_BadSetting_ProblemNamesIt(string json, string expected)
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(WriteConfig(json), Data), Env(), out _);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_ConfigFileNotJson_SaysWhichFile()
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(WriteConfig("{ not json"), Data), Env(), out _);

        Assert.Contains(problems, static p => p.StartsWith("--config:", StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_LuaSection_BindsTheLuaLimits()
    {
        var file = WriteConfig("""{ "Lua": { "MemoryLimitBytes": 1048576, "LogLinesPerSecond": 2.5, "LogBurst": 7, "LogRingCapacity": 50, "MaxLogLineLength": 80, "TimeSeriesCapacity": 30, "HookInstructionCount": 500 } }""");

        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(file, Data), Env(("LIBERTY__Lua__LogBurst", "9")), out var options);

        Assert.Empty(problems);
        Assert.Equal(1048576, options.Lua.MemoryLimitBytes);
        Assert.Equal(2.5, options.Lua.LogLinesPerSecond);
        Assert.Equal(9, options.Lua.LogBurst);
        Assert.Equal(50, options.Lua.LogRingCapacity);
        Assert.Equal(80, options.Lua.MaxLogLineLength);
        Assert.Equal(30, options.Lua.TimeSeriesCapacity);
        Assert.Equal(500, options.Lua.HookInstructionCount);
    }

    [Fact]
    public void TryLoad_NoLuaSection_LuaDefaults()
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data), Env(), out var options);

        Assert.Empty(problems);
        Assert.Equal(Liberty.Node.Lua.Api.LuaFrontEndOptions.DefaultMemoryLimitBytes, options.Lua.MemoryLimitBytes);
        Assert.Equal(Liberty.Node.Lua.Api.LuaFrontEndOptions.DefaultLogBurst, options.Lua.LogBurst);
    }

    [Theory]
    [InlineData("""{ "Lua": { "LogBurst": 0 } }""", "Lua:LogBurst:")]
    [InlineData("""{ "Lua": { "LogLinesPerSecond": -1 } }""", "Lua:LogLinesPerSecond:")]
    [InlineData("""{ "Lua": { "TimeSeriesCapacity": 0 } }""", "Lua:TimeSeriesCapacity:")]
    [InlineData("""{ "Lua": { "MemoryLimitBytes": "lots" } }""", "Lua:MemoryLimitBytes: ")]
    [InlineData("""{ "Lua": { "MemoryLimit": 5 } }""", "MemoryLimit")]
    public void TryLoad_BadLuaValue_ProblemNamesTheSetting(string json, string expected)
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(WriteConfig(json), Data), Env(), out _);

        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal) || (expected == "MemoryLimit" && p.StartsWith("Lua:", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal))), string.Join("\n", problems));
    }

    [Fact]
    public void TryLoad_MissingConfigFile_SaysSo()
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(Path.Combine(_folder, "nope.json"), Data), Env(), out _);

        Assert.Contains(problems, static p => p.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_ClusterConfigExample_Validates()
    {
        var example = FindRepoFile("cluster-config/node.example.json");
        var json = File.ReadAllText(example).Replace("/var/lib/liberty", Data.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal);

        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(WriteConfig(json)), Env(), out var options);

        Assert.Empty(problems);
        Assert.Equal("gw-01", options.Name);
        Assert.Equal(8 * 1024 * 1024, options.Lua.MemoryLimitBytes);
        Assert.Equal(50, options.Lua.LogLinesPerSecond);
    }

    [Theory]
    [InlineData("gw-01")]
    [InlineData("gw-02")]
    [InlineData("gw-03")]
    public void TryLoad_ThreeNodeClusterExample_Validates(string node)
    {
        var example = FindRepoFile($"cluster-config/three-nodes/{node}.json");
        // The certificate files are the operator's; here, empty stand-ins where the example expects them.
        var tls = Path.Combine(Data, "tls");
        Directory.CreateDirectory(tls);
        File.WriteAllText(Path.Combine(tls, node + ".pfx"), "");
        File.WriteAllText(Path.Combine(tls, "fleet-ca.pem"), "");
        var json = File.ReadAllText(example)
            .Replace("/var/lib/liberty", Data.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("/etc/liberty/tls", tls.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal);

        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(WriteConfig(json)), Env(), out var options);

        Assert.Empty(problems);
        Assert.Equal(node, options.Name);
        Assert.True(options.Cluster.Enabled);
        Assert.Equal(["gw-01.lan:4053", "gw-02.lan:4053"], options.Cluster.Seeds);
        Assert.Equal(node + ".lan", options.Cluster.AdvertisedHost);
        Assert.True(options.Cluster.Tls.Enabled);
    }

    [Theory]
    [InlineData("WatchdogLimit", "00:00:00")]
    [InlineData("WatchdogLimit", "-00:00:01")]
    [InlineData("HandOffThreshold", "00:00:00")]
    public void TryLoad_EngineLimitNotPositive_RefusedNamingIt(string key, string value)
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data), Env(("LIBERTY__Engine__" + key, value)), out _);

        Assert.Contains(problems, p => p.StartsWith($"Engine:{key}: ", StringComparison.Ordinal) && p.Contains("must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_ClusterFlags_OverrideAndBadValuesNameTheSetting()
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data, Seeds: ["10.0.0.1:4053,10.0.0.2:4053"], ClusterHost: "10.0.0.9", ClusterPort: "4100", Roles: ["gateway", "east"]), Env(), out var options);
        Assert.Empty(problems);
        Assert.Equal(["10.0.0.1:4053", "10.0.0.2:4053"], options.Cluster.Seeds);
        Assert.Equal("10.0.0.9", options.Cluster.Host);
        Assert.Equal(4100, options.Cluster.Port);
        Assert.Equal(["gateway", "east"], options.Cluster.Roles);

        problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data, Seeds: ["nohost", "10.0.0.1:99999"], ClusterHost: "0.0.0.0", Roles: ["node:evil"]), Env(), out _);
        Assert.Contains(problems, static p => p.StartsWith("Cluster:Seeds:0: 'nohost' is not host:port", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.StartsWith("Cluster:Seeds:1: '10.0.0.1:99999': the port must be 1..65535", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.StartsWith("Cluster:Roles:0:", StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_UnknownSectionsAndKeys_EachNamedWithItsSourceAndNearestSpelling()
    {
        var file = WriteConfig("""{ "Htp": { "Listen": "127.0.0.1:1" }, "Nod": { "Name": "x" }, "Http": { "Lisen": "127.0.0.1:2" }, "Devices": { "Devices": [ { "Name": "lamp", "Drivr": "simulated", "Kind": "switch" } ] } }""");

        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(file, Data), Env(("LIBERTY__Engine__WatchdogLimt", "00:00:05")), out _);

        Assert.Equal(
        [
            $"Devices:Devices:0:Drivr: unknown setting (in {file}); did you mean 'Devices:Devices:0:Driver'?",
            "Engine:WatchdogLimt: unknown setting (environment variable LIBERTY__Engine__WatchdogLimt); did you mean 'Engine:WatchdogLimit'?",
            $"Htp: unknown section (in {file}); did you mean 'Http'?",
            $"Http:Lisen: unknown setting (in {file}); did you mean 'Http:Listen'?",
            $"Nod: unknown section (in {file}); did you mean 'Node'?",
        ], problems.Where(static p => p.Contains(": unknown setting", StringComparison.Ordinal) || p.Contains(": unknown section", StringComparison.Ordinal)));
    }

    [Fact]
    public void TryLoad_UnknownKeyFarFromAnyName_ListsTheValidOnes()
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(WriteConfig("""{ "Http": { "Banana": 1 }, "Zzzzzzzz": {} , "Web": { "Port": 1 } }"""), Data), Env(), out _);

        Assert.Contains(problems, static p => p.StartsWith("Http:Banana: unknown setting", StringComparison.Ordinal) && p.EndsWith("the settings of Http are Listen, MaxRequestBodyBytes.", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.StartsWith("Web: unknown section", StringComparison.Ordinal) && p.Contains("the sections are Node, Http, Engine", StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_EveryProblemOfAFile_AllListedNotTheFirstFew()
    {
        var file = WriteConfig("""
            { "Http": { "MaxRequestBodyBytes": "lots", "Listen": "nohost" },
              "Engine": { "WatchdogLimit": "00:00:00", "EventQueueCapacity": 0, "HandOffThreshold": "5s" },
              "Lua": { "LogBurst": -1, "MemoryLimitBytes": 0 },
              "Persistence": { "Provider": "oracle" },
              "Cluster": { "Seeds": "a:1,b:2" },
              "Node": { "DeviceStateSaveInterval": "00:00:00", "Name": "a/b" } }
            """);

        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(file, Data), Env(), out _);

        string[] keys = ["Http:MaxRequestBodyBytes:", "Http:Listen:", "Engine:WatchdogLimit:", "Engine:EventQueueCapacity:", "Engine:HandOffThreshold:", "Lua:LogBurst:", "Lua:MemoryLimitBytes:",
            "Persistence:Provider:", "Cluster:Seeds:", "Node:DeviceStateSaveInterval:", "Node:Name:"];
        foreach (var key in keys)
        {
            Assert.True(problems.Count(p => p.StartsWith(key, StringComparison.Ordinal)) == 1, $"one problem for {key} expected in:\n{string.Join("\n", problems)}");
        }
        Assert.Equal(keys.Length, problems.Count);
    }

    [Fact]
    public void TryLoad_ValueOfTheWrongShape_SaysWhatItShouldBe()
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data),
            Env(("LIBERTY__Cluster__Seeds", "10.0.0.1:4053"), ("LIBERTY__Http", "127.0.0.1:1"), ("LIBERTY__Node__DeploySampleApps", "yes"), ("LIBERTY__Persistence__BusyTimeout", "5s")), out _);

        Assert.Contains("Cluster:Seeds: '10.0.0.1:4053' (environment variable LIBERTY__Cluster__Seeds): Seeds is a list: give its items as Cluster:Seeds:0, Cluster:Seeds:1 ... (a JSON array; LIBERTY__Cluster__Seeds__0 ...).", problems);
        Assert.Contains("Http: '127.0.0.1:1' (environment variable LIBERTY__Http): Http is a section of settings (Listen, MaxRequestBodyBytes), not a value.", problems);
        Assert.Contains("Node:DeploySampleApps: 'yes' (environment variable LIBERTY__Node__DeploySampleApps) is not true or false.", problems);
        Assert.Contains("Persistence:BusyTimeout: '5s' (environment variable LIBERTY__Persistence__BusyTimeout) is not a duration ([d.]hh:mm:ss[.fff], e.g. 00:00:05).", problems);
    }

    [Fact]
    public void TryLoad_VariableWithOneUnderscore_RefusedNotIgnored()
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data), Env(("LIBERTY_Http__Listen", "0.0.0.0:9110"), ("LIBERTY_NODE", "http://x"), ("LIBERTY_PG_BIN", "/usr/bin")), out _);

        Assert.Equal(["environment variable LIBERTY_Http__Listen: not read; configuration variables start with LIBERTY__ (two underscores), e.g. LIBERTY__Http__Listen."], problems);
    }

    [Theory]
    [InlineData("Node__DeviceStateSaveInterval", "-00:00:01")]
    [InlineData("Http__MaxRequestBodyBytes", "0")]
    [InlineData("Engine__WatchdogCheckInterval", "00:00:00")]
    [InlineData("Network__ConnectTimeout", "00:00:00")]
    [InlineData("Network__UdpQueueLength", "0")]
    [InlineData("Devices__Simulated__SampleInterval", "00:00:00")]
    [InlineData("Devices__Sysfs__PollInterval", "00:00:00")]
    [InlineData("DeviceActor__CommandTimeout", "00:00:00")]
    [InlineData("Lua__MemoryLimitBytes", "0")]
    [InlineData("Lua__LogLinesPerSecond", "-2.5")]
    [InlineData("Persistence__SnapshotEvery", "0")]
    [InlineData("Cluster__StableAfter", "00:00:00")]
    [InlineData("Cluster__Devices__RememberedCommands", "0")]
    public void TryLoad_LimitNotPositive_AnySection_RefusedOnceNamingItAndItsDefault(string variable, string value)
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data), Env(("LIBERTY__" + variable, value)), out _);

        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        var problem = Assert.Single(problems);
        Assert.Matches($@"^{key}: {System.Text.RegularExpressions.Regex.Escape(value)} must be positive \(the default is [^)]+\)\.$", problem);
    }

    [Theory]
    [InlineData("Devices__Simulated__CommandLatency", "00:00:00", true)]
    [InlineData("Devices__Simulated__TemperatureDriftStep", "0", true)]
    [InlineData("Devices__Simulated__TemperatureDriftStep", "-1", false)]
    public void TryLoad_SettingWhereZeroMeansSomething_ZeroAcceptedNegativeRefused(string variable, string value, bool accepted)
    {
        var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data), Env(("LIBERTY__" + variable, value)), out _);

        if (accepted)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.StartsWith(variable.Replace("__", ":", StringComparison.Ordinal) + ": -1 must not be negative", Assert.Single(problems), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryLoad_EveryNumberAndDurationOfEveryOptionClass_ZeroIsRefusedOrExplained()
    {
        // Walks the options a node binds, independently of the checker: setting any number or duration to zero must be
        // refused, except the few documented to mean something at zero.
        string[] zeroMeansSomething = ["Devices:Simulated:CommandLatency", "Devices:Simulated:TemperatureDriftStep"];
        var keys = NumericKeys(typeof(NodeOptions), "Node", nodeValuesOnly: true).ToList();
        var durations = NumericKeys(typeof(NodeOptions), "Node", nodeValuesOnly: true, durationsOnly: true).ToHashSet();
        Assert.Contains("Engine:WatchdogLimit", keys);
        Assert.Contains("Lua:HookInstructionCount", keys);
        Assert.Contains("Cluster:Devices:CommandTimeout", keys);
        foreach (var key in keys)
        {
            var problems = NodeConfiguration.TryLoad(new NodeConfiguration.Flags(DataFolder: Data), Env(("LIBERTY__" + key.Replace(":", "__", StringComparison.Ordinal), durations.Contains(key) ? "00:00:00" : "0")), out _);
            if (zeroMeansSomething.Contains(key))
            {
                Assert.Empty(problems);
            }
            else
            {
                Assert.True(problems.Any(p => p.StartsWith(key + ": ", StringComparison.Ordinal)), $"{key} = 0 was not refused: {string.Join(" | ", problems)}");
            }
        }
    }

    private static IEnumerable<string> NumericKeys(Type type, string path, bool nodeValuesOnly = false, bool durationsOnly = false)
    {
        var flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public;
        foreach (var property in type.GetProperties(flags | (nodeValuesOnly ? System.Reflection.BindingFlags.NonPublic : 0)))
        {
            var t = property.PropertyType;
            var prefix = !nodeValuesOnly || t.IsPrimitive || t == typeof(TimeSpan) || t == typeof(string) ? path : "";
            var key = prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}";
            if (t == typeof(TimeSpan) || (!durationsOnly && (t == typeof(int) || t == typeof(long) || t == typeof(double))))
            {
                if (property.SetMethod is { IsPublic: true })
                {
                    yield return key;
                }
            }
            else if (t.IsClass && t != typeof(string) && !t.IsGenericType && t.Namespace?.StartsWith("Liberty", StringComparison.Ordinal) == true)
            {
                foreach (var inner in NumericKeys(t, key, durationsOnly: durationsOnly))
                {
                    yield return inner;
                }
            }
        }
    }

    internal static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
