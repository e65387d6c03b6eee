using Liberty.Devices.Actors;

namespace Liberty.Node.Hosting;

/// <summary>
/// Where a node's options come from, lowest precedence first: the embedded defaults, <c>appsettings.json</c> next to
/// the executable, the <c>--config</c> file, environment variables <c>LIBERTY__Section__Key</c>, and the command-line
/// flags (<c>--data</c>, <c>--http</c>, <c>--name</c>).
/// </summary>
internal static class NodeConfiguration
{
    /// <summary>The prefix of environment variables that configure a node (<c>LIBERTY__Http__Listen=0.0.0.0:9110</c>).</summary>
    public const string EnvironmentPrefix = "LIBERTY__";

    /// <summary>The flags of <c>liberty run</c> (all but <c>--safe</c> override configuration).</summary>
    /// <param name="ConfigFile">The <c>--config</c> JSON file, or null.</param>
    /// <param name="DataFolder">The <c>--data</c> folder, or null.</param>
    /// <param name="Http">The <c>--http</c> HOST:PORT, or null.</param>
    /// <param name="Name">The <c>--name</c> of the node, or null.</param>
    /// <param name="Safe"><c>--safe</c>: start with every task held (see <see cref="NodeStartSettings.HoldTasks"/>).</param>
    /// <param name="Seeds"><c>--seed host:port[,host:port...]</c> (<c>Cluster:Seeds</c>), or null.</param>
    /// <param name="ClusterHost"><c>--cluster-host</c> (<c>Cluster:Host</c>), or null.</param>
    /// <param name="ClusterPort"><c>--cluster-port</c> (<c>Cluster:Port</c>), or null.</param>
    /// <param name="Roles"><c>--role</c>, repeatable or comma-separated (<c>Cluster:Roles</c>), or null.</param>
    public sealed record Flags(string? ConfigFile = null, string? DataFolder = null, string? Http = null, string? Name = null, bool Safe = false,
        IReadOnlyList<string>? Seeds = null, string? ClusterHost = null, string? ClusterPort = null, IReadOnlyList<string>? Roles = null);

    /// <summary>Builds, binds and validates the options.</summary>
    /// <param name="flags">The command-line flags.</param>
    /// <param name="environment">Environment variables to read (null: the process's), so tests need not change the process environment.</param>
    /// <param name="options">The validated options when the result is empty.</param>
    /// <returns>The problems found, each naming its setting; empty when the options are valid.</returns>
    public static IReadOnlyList<string> TryLoad(Flags flags, IReadOnlyDictionary<string, string?>? environment, out NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(flags);
        options = new NodeOptions();
        var builder = new ConfigurationBuilder();
        var baseSettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        builder.AddJsonFile(baseSettings, optional: true, reloadOnChange: false);
        if (flags.ConfigFile is { } file)
        {
            var full = Path.GetFullPath(file);
            if (!File.Exists(full))
            {
                return [$"--config: the file '{full}' does not exist."];
            }
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        if (environment is null)
        {
            builder.AddEnvironmentVariables(EnvironmentPrefix);
        }
        else
        {
            builder.AddInMemoryCollection(environment
                .Where(static e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(static e => KeyValuePair.Create(e.Key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), e.Value)));
        }
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (flags.DataFolder is not null)
        {
            overrides["Node:DataFolder"] = flags.DataFolder;
        }
        if (flags.Http is not null)
        {
            overrides["Http:Listen"] = flags.Http;
        }
        if (flags.Name is not null)
        {
            overrides["Node:Name"] = flags.Name;
        }
        AddList(overrides, "Cluster:Seeds", flags.Seeds);
        AddList(overrides, "Cluster:Roles", flags.Roles);
        if (flags.ClusterHost is not null)
        {
            overrides["Cluster:Host"] = flags.ClusterHost;
        }
        if (flags.ClusterPort is not null)
        {
            overrides["Cluster:Port"] = flags.ClusterPort;
        }
        builder.AddInMemoryCollection(overrides);

        IConfigurationRoot configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or System.Text.Json.JsonException)
        {
            return [$"--config: {e.Message}{(e.InnerException is { } inner ? " " + inner.Message : "")}"];
        }
        return Bind(configuration, out options);
    }

    /// <summary>Binds and validates options from a built configuration.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="options">The validated options when the result is empty.</param>
    /// <returns>The problems found, each naming its setting; empty when valid.</returns>
    public static IReadOnlyList<string> Bind(IConfiguration configuration, out NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options = new NodeOptions();
        var problems = new List<string>();
        BindSection(configuration, "Node", options, problems);
        BindSection(configuration, "Http", options.Http, problems);
        BindSection(configuration, "Engine", options.Engine, problems);
        BindSection(configuration, "Devices", options.Devices, problems);
        BindSection(configuration, "Network", options.Network, problems);
        BindSection(configuration, "DeviceActor", options.DeviceActor, problems);
        BindSection(configuration, "Mqtt", options.Mqtt, problems);
        BindSection(configuration, "Lua", options.Lua, problems);
        BindSection(configuration, "Persistence", options.Persistence, problems);
        BindSection(configuration, "Cluster", options.Cluster, problems);
        if (problems.Count > 0)
        {
            return problems;
        }
        if (options.Devices.Devices.Count == 0)
        {
            options.Devices.Devices.AddRange(NodeDefaults.SimulatedDevices);
        }
        return Validate(options);
    }

    /// <summary>Validates bound options (creating the data folder to prove it is writable).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems found, each naming its setting.</returns>
    public static IReadOnlyList<string> Validate(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name) || !Liberty.Devices.Model.DeviceId.TryParse(options.Name + "/x", out _, out _) || options.Name.Contains('/', StringComparison.Ordinal))
        {
            problems.Add($"Node:Name: '{options.Name}' is not a node name (letters, digits, '-', '_', '.'; no '/').");
        }
        if (string.IsNullOrWhiteSpace(options.DataFolder))
        {
            problems.Add("Node:DataFolder: must not be empty.");
        }
        else if (!DataFolder.TryPrepare(options.DataFolder, out var folderError))
        {
            problems.Add($"Node:DataFolder: {folderError}");
        }
        if (!HttpOptions.TryParseListen(options.Http.Listen, out _, out _, out var listenError))
        {
            problems.Add($"Http:Listen: {listenError}");
        }
        if (options.DeviceStateSaveInterval <= TimeSpan.Zero)
        {
            problems.Add($"Node:DeviceStateSaveInterval: {options.DeviceStateSaveInterval} must be positive (e.g. 00:00:01).");
        }
        if (options.Http.MaxRequestBodyBytes <= 0)
        {
            problems.Add($"Http:MaxRequestBodyBytes: {options.Http.MaxRequestBodyBytes} must be positive.");
        }
        // The engine takes zero for "off" (specs use it); a node never runs without its watchdog or its hand-off.
        if (options.Engine.WatchdogLimit <= TimeSpan.Zero)
        {
            problems.Add($"Engine:WatchdogLimit: {options.Engine.WatchdogLimit} must be positive (e.g. 00:00:05); zero or less would turn the watchdog off.");
        }
        if (options.Engine.HandOffThreshold <= TimeSpan.Zero)
        {
            problems.Add($"Engine:HandOffThreshold: {options.Engine.HandOffThreshold} must be positive (e.g. 00:00:00.1); zero would let one task hold the others up.");
        }
        try
        {
            options.Engine.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            problems.Add($"Engine:{e.ParamName}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
        try
        {
            options.Network.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add("Network: " + e.Message.Split(" (Parameter", 2)[0]);
        }
        try
        {
            options.Lua.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            problems.Add($"Lua:{e.ParamName}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
        var nodeName = problems.Count == 0 || !problems[0].StartsWith("Node:Name", StringComparison.Ordinal) ? options.Name : NodeOptions.DefaultName;
        problems.AddRange(DeviceRegistry.ValidateConfiguration(nodeName, options.Devices, options.DeviceActor));
        if (string.IsNullOrWhiteSpace(options.Persistence.DataFolder))
        {
            options.Persistence.DataFolder = Path.GetFullPath(options.DataFolder);
        }
        try
        {
            options.Persistence.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(e.Message.Split(" (Parameter", 2)[0]);
        }
        problems.AddRange(options.Cluster.Validate());
        problems.AddRange(options.Mqtt.Validate());
        if (!Liberty.Devices.Actions.DeviceActions.TryCreate(nodeName, options.Devices.Actions, out _, out var actionProblems))
        {
            problems.AddRange(actionProblems.Except(problems));
        }
        return problems;
    }

    /// <summary>A flag's list replaces the configured one (items may also be comma-separated).</summary>
    private static void AddList(Dictionary<string, string?> overrides, string key, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }
        var items = values.SelectMany(static v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            overrides[$"{key}:{i}"] = items[i];
        }
    }

    private static void BindSection(IConfiguration configuration, string section, object target, List<string> problems)
    {
        try
        {
            configuration.GetSection(section).Bind(target, static o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            problems.Add($"{section}: {e.Message}{(e.InnerException is { } inner ? " " + inner.Message : "")}");
        }
    }
}
