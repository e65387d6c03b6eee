using Liberty.Devices.Actors;

namespace Liberty.Node.Hosting;

/// <summary>
/// Where a node's options come from, lowest precedence first: the embedded defaults, <c>appsettings.json</c> next to
/// the executable, the <c>--config</c> file, environment variables <c>LIBERTY__Section__Key</c>, and the command-line
/// flags (<c>--data</c>, <c>--http</c>, <c>--name</c>, the cluster's). Strict: an unknown section or key from any source
/// is a problem naming it, its source and the nearest valid key (<see cref="ConfigurationCheck"/>); every number and
/// duration must be positive (<see cref="OptionLimits"/>); every problem is listed.
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

    /// <summary>Builds, checks, binds and validates the options.</summary>
    /// <param name="flags">The command-line flags.</param>
    /// <param name="environment">Environment variables to read (null: the process's), so tests need not change the process environment.</param>
    /// <param name="options">The validated options when the result is empty.</param>
    /// <returns>Every problem found, each naming its setting (and, for an unknown key, where it comes from); empty when the options are valid.</returns>
    public static IReadOnlyList<string> TryLoad(Flags flags, IReadOnlyDictionary<string, string?>? environment, out NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(flags);
        options = new NodeOptions();
        var problems = new List<string>();
        var builder = new ConfigurationBuilder();
        // Where each provider's keys come from, in the order the providers are added (lowest precedence first).
        var sources = new List<Func<string, string>>();
        var baseSettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        builder.AddJsonFile(baseSettings, optional: true, reloadOnChange: false);
        sources.Add(_ => $" (in {baseSettings})");
        if (flags.ConfigFile is { } file)
        {
            var full = Path.GetFullPath(file);
            if (!File.Exists(full))
            {
                return [$"--config: the file '{full}' does not exist."];
            }
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
            sources.Add(_ => $" (in {full})");
        }
        var variables = ReadEnvironment(environment, problems);
        builder.AddInMemoryCollection(variables.Select(static v => KeyValuePair.Create(v.Key, v.Value.Value)));
        sources.Add(key => variables.TryGetValue(key, out var v) ? $" (environment variable {v.Name})"
            : variables.FirstOrDefault(v => v.Key.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)).Value.Name is { } name ? $" (environment variable {name})" : " (environment)");
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var flagNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Override(string key, string? value, string flag)
        {
            if (value is not null)
            {
                overrides[key] = value;
                flagNames[key] = flag;
            }
        }
        Override("Node:DataFolder", flags.DataFolder, "--data");
        Override("Http:Listen", flags.Http, "--http");
        Override("Node:Name", flags.Name, "--name");
        AddList(overrides, flagNames, "Cluster:Seeds", flags.Seeds, "--seed");
        AddList(overrides, flagNames, "Cluster:Roles", flags.Roles, "--role");
        Override("Cluster:Host", flags.ClusterHost, "--cluster-host");
        Override("Cluster:Port", flags.ClusterPort, "--cluster-port");
        builder.AddInMemoryCollection(overrides);
        sources.Add(key => flagNames.TryGetValue(key, out var flag) ? $" (from {flag})" : " (from a flag)");

        IConfigurationRoot configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or System.Text.Json.JsonException)
        {
            return [$"--config: {e.Message}{(e.InnerException is { } inner ? " " + inner.Message : "")}"];
        }
        var providers = configuration.Providers.ToList();
        string SourceOf(string key)
        {
            for (var i = providers.Count - 1; i >= 0; i--)
            {
                if (providers[i].TryGet(key, out _) || providers[i].GetChildKeys([], key).Any())
                {
                    return i < sources.Count ? sources[i](key) : "";
                }
            }
            return "";
        }
        var checkProblems = ConfigurationCheck.Run(configuration, SourceOf);
        problems.AddRange(checkProblems.Select(static p => p.Message));
        // What passed the check is bound and validated too, so that one run lists every problem.
        var clean = configuration.AsEnumerable()
            .Where(kv => kv.Value is not null && !checkProblems.Any(p => kv.Key.Equals(p.Key, StringComparison.OrdinalIgnoreCase) || kv.Key.StartsWith(p.Key + ":", StringComparison.OrdinalIgnoreCase)));
        problems.AddRange(Bind(new ConfigurationBuilder().AddInMemoryCollection(clean).Build(), out options));
        return problems;
    }

    /// <summary>Binds and validates options from a built configuration (checked by <see cref="ConfigurationCheck"/> first).</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="options">The validated options when the result is empty.</param>
    /// <returns>The problems found, each naming its setting; empty when valid.</returns>
    public static IReadOnlyList<string> Bind(IConfiguration configuration, out NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options = new NodeOptions();
        var problems = new List<string>();
        BindSection(configuration, OptionsShape.NodeSection, options, problems);
        foreach (var section in OptionsShape.Sections)
        {
            BindSection(configuration, section.Name, section.GetValue(options)!, problems);
        }
        if (options.Devices.Devices.Count == 0)
        {
            options.Devices.Devices.AddRange(NodeDefaults.SimulatedDevices);
        }
        problems.AddRange(Validate(options));
        return problems;
    }

    /// <summary>Validates bound options (creating the data folder to prove it is writable).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems found, each naming its setting.</returns>
    public static IReadOnlyList<string> Validate(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var limits = OptionLimits.Check(options);
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
        // The option classes' own checks also refuse some of the numbers the limits refused: name each problem once.
        return [.. limits.Select(static l => l.Message), .. problems.Where(p => !limits.Any(l => Mentions(p, l.Key)))];
    }

    /// <summary>
    /// Reads the variables that configure a node: <c>LIBERTY__Section__Key</c> becomes <c>Section:Key</c>. A variable
    /// that looks meant as one but starts <c>LIBERTY_</c> with one underscore is a problem (it would be ignored).
    /// </summary>
    private static Dictionary<string, (string Name, string? Value)> ReadEnvironment(IReadOnlyDictionary<string, string?>? environment, List<string> problems)
    {
        IEnumerable<KeyValuePair<string, string?>> all = environment
            ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(static e => KeyValuePair.Create((string)e.Key, (string?)e.Value));
        var variables = new Dictionary<string, (string Name, string? Value)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in all.OrderBy(static e => e.Key, StringComparer.Ordinal))
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                variables[name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = (name, value);
            }
            else if (name.StartsWith("LIBERTY_", StringComparison.OrdinalIgnoreCase) && name.Contains("__", StringComparison.Ordinal))
            {
                problems.Add($"environment variable {name}: not read; configuration variables start with {EnvironmentPrefix} (two underscores), e.g. {EnvironmentPrefix}{name[8..]}.");
            }
        }
        return variables;
    }

    /// <summary>Whether a problem message is about <paramref name="key"/> (<c>Devices:Simulated:CommandTimeout</c>, <c>Simulated.CommandTimeout</c>).</summary>
    private static bool Mentions(string problem, string key)
    {
        var parts = key.Split(':');
        var last = parts.Length >= 2 ? parts[^2] + "." + parts[^1] : key;
        return problem.Contains(key, StringComparison.OrdinalIgnoreCase) || problem.Contains(last, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A flag's list replaces the configured one (items may also be comma-separated).</summary>
    private static void AddList(Dictionary<string, string?> overrides, Dictionary<string, string> flagNames, string key, IReadOnlyList<string>? values, string flag)
    {
        if (values is null)
        {
            return;
        }
        var items = values.SelectMany(static v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            overrides[$"{key}:{i}"] = items[i];
            flagNames[$"{key}:{i}"] = flag;
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
