using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Liberty.Node.Engine;
using Liberty.Node.Lua;
using Liberty.Node.Lua.Api;

namespace Liberty.Node.Apps;

/// <summary>
/// The node's apps and tasks: the facade the management API calls. Deploys apps (syntax-checked, versioned,
/// with an optional signature), creates tasks (arguments validated before anything starts), starts, stops,
/// resumes, resets and deletes them, and serves their logs and statistics. Every change is stored through
/// <see cref="ITaskStore"/> before it is acknowledged; <see cref="RecoverAsync"/> rebuilds the state at start.
/// </summary>
/// <remarks>
/// <para><b>Thread:</b> any thread; changes are serialised by one async gate, queries read snapshots.</para>
/// <para><b>Cancellation:</b> none of the calls can be cancelled; a failed store write leaves the change unmade
/// (the exception propagates) except that a task already started keeps running.</para>
/// <para><b>Ordering:</b> changes are applied and stored in the order their calls took the gate.</para>
/// </remarks>
internal sealed partial class TaskManager : IDisposable
{
    /// <summary>Largest app source accepted, in characters.</summary>
    public const int MaxSourceLength = 1024 * 1024;

    /// <summary>Longest app or task name.</summary>
    public const int MaxNameLength = 64;

    private readonly LuaServices _services;
    private readonly SchemaArgumentBinder _binder;
    private readonly ITaskStore _store;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();

    // Guarded by _lock (written under the gate too): app versions oldest first, tasks by id.
    private readonly Dictionary<string, List<AppRecord>> _apps = new(StringComparer.Ordinal);

    // What each app version's text says (signature parsed, entries found), worked out once: at deployment, or on first
    // use for versions recovered from the store. Entries are removed with their app.
    private readonly ConditionalWeakTable<AppRecord, AppSchema> _schemas = [];
    private readonly SortedDictionary<long, ManagedTask> _tasks = [];
    private long _nextTaskId;

    // Set once by Dispose (any thread): runs ending from now on are the node's shutdown, not stored.
    private volatile bool _disposing;

    /// <summary>Creates a manager with no apps and no tasks (call <see cref="RecoverAsync"/> at start).</summary>
    /// <param name="services">The Lua front end's services (engine, store, options, logging).</param>
    public TaskManager(LuaServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Options.Validate();
        _services = services;
        _binder = new SchemaArgumentBinder(services);
        _store = services.Store;
        _logger = services.LoggerFactory.CreateLogger<TaskManager>();
    }

    private TimeProvider Time => _services.TimeProvider;

    /// <summary>
    /// Deploys a new version of an app (version 1 when new, else the latest + 1). The source is compiled first: a
    /// syntax error is refused ("name.lua:3: ...") and nothing is deployed; so is an invalid signature or description
    /// file, or a signature that describes a function the app does not define. The app's top level runs once, without
    /// the task API, to find the functions it defines (<see cref="AppEntries"/>).
    /// </summary>
    /// <param name="name">The app's name: 1–64 of letters, digits, '_', '-', '.'.</param>
    /// <param name="source">The Lua source.</param>
    /// <param name="signatureJson">The <c>.sig</c> JSON, or null.</param>
    /// <param name="descriptions">The signature's <c>.sigdesc.&lt;locale&gt;</c> files by locale, or null.</param>
    /// <returns>The deployed version, or Invalid (with <see cref="TaskManagerResult{T}.Path"/> pointing at the problem).</returns>
    public async Task<TaskManagerResult<AppInfo>> DeployAppAsync(string name, string source, string? signatureJson = null, IReadOnlyDictionary<string, string>? descriptions = null)
    {
        if (CheckName(name, "app name") is { } nameError)
        {
            return TaskManagerResult<AppInfo>.Invalid(nameError, "$.name");
        }
        if (source is null)
        {
            return TaskManagerResult<AppInfo>.Invalid("app source is missing", "$.source");
        }
        if (source.Length > MaxSourceLength)
        {
            return TaskManagerResult<AppInfo>.Invalid($"app source is {source.Length} characters; at most {MaxSourceLength} are accepted", "$.source");
        }
        if (CheckSyntax(source, ChunkName(name)) is { } syntax)
        {
            return TaskManagerResult<AppInfo>.Invalid(syntax, "$.source");
        }
        if (string.IsNullOrWhiteSpace(signatureJson))
        {
            signatureJson = null;
        }
        descriptions = descriptions is { Count: > 0 } ? new SortedDictionary<string, string>(descriptions.ToDictionary(), StringComparer.Ordinal) : null;
        if (!SchemaArgumentBinder.TryParse(signatureJson, descriptions, out var signature, out var signatureError))
        {
            return TaskManagerResult<AppInfo>.Invalid(signatureError.Message, signatureError.Path);
        }
        var schema = Describe(source, ChunkName(name), signature);
        if (schema.EntriesKnown && signature is not null && !signature.TryCheckEntries(schema.Entries, out var missing))
        {
            return TaskManagerResult<AppInfo>.Invalid($"signature: {missing}", "$.signature." + missing.Split(':', 2)[0]);
        }
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var version = LatestApp(name)?.Version + 1 ?? 1;
            var record = new AppRecord(name, version, source, signatureJson, Time.GetUtcNow(), descriptions);
            await _store.SaveAppAsync(record).ConfigureAwait(false);
            _schemas.AddOrUpdate(record, schema);
            lock (_lock)
            {
                if (!_apps.TryGetValue(name, out var versions))
                {
                    _apps[name] = versions = [];
                }
                versions.Add(record);
            }
            _logger.AppDeployed(name, version);
            return TaskManagerResult<AppInfo>.Success(ToInfo(record));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The node's stored actions (what Action arguments name).</summary>
    public Liberty.Devices.Actions.DeviceActions Actions => _services.DeviceActions;

    /// <summary>The latest version of every app, by name.</summary>
    public IReadOnlyList<AppInfo> ListApps()
    {
        lock (_lock)
        {
            return [.. _apps.Values.Select(v => ToInfo(v[^1])).OrderBy(a => a.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>The latest version of app <paramref name="name"/>, or NotFound.</summary>
    public TaskManagerResult<AppInfo> FindApp(string name) =>
        LatestApp(name) is { } app ? TaskManagerResult<AppInfo>.Success(ToInfo(app)) : TaskManagerResult<AppInfo>.NotFound(NoApp(name));

    /// <summary>The source of the latest version of an app (or of <paramref name="version"/>), or NotFound.</summary>
    public TaskManagerResult<string> GetAppSource(string name, int? version = null)
    {
        lock (_lock)
        {
            if (_apps.TryGetValue(name ?? string.Empty, out var versions)
                && (version is null ? versions[^1] : versions.Find(v => v.Version == version)) is { } app)
            {
                return TaskManagerResult<string>.Success(app.Source);
            }
        }
        return TaskManagerResult<string>.NotFound(version is null ? NoApp(name) : $"app '{name}' has no version {version}");
    }

    /// <summary>Every version of app <paramref name="name"/>, oldest first, or NotFound.</summary>
    public TaskManagerResult<IReadOnlyList<AppInfo>> GetAppVersions(string name)
    {
        lock (_lock)
        {
            if (_apps.TryGetValue(name ?? string.Empty, out var versions))
            {
                return TaskManagerResult<IReadOnlyList<AppInfo>>.Success([.. versions.Select(ToInfo)]);
            }
        }
        return TaskManagerResult<IReadOnlyList<AppInfo>>.NotFound(NoApp(name));
    }

    /// <summary>
    /// Removes an app and all its versions. Refused (Conflict) while any task, in any state, uses it: delete those
    /// tasks first (a Disabled or Error task could otherwise never run again).
    /// </summary>
    /// <returns>The latest version removed, NotFound or Conflict.</returns>
    public async Task<TaskManagerResult<AppInfo>> RemoveAppAsync(string name)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (LatestApp(name) is not { } app)
            {
                return TaskManagerResult<AppInfo>.NotFound(NoApp(name));
            }
            var users = Snapshot().Where(t => t.App == name).Select(t => t.Id).ToArray();
            if (users.Length > 0)
            {
                return TaskManagerResult<AppInfo>.Conflict($"app '{name}' is used by task(s) {string.Join(", ", users)}; delete them first");
            }
            await _store.RemoveAppAsync(name).ConfigureAwait(false);
            lock (_lock)
            {
                _apps.Remove(name);
            }
            _logger.AppRemoved(name);
            return TaskManagerResult<AppInfo>.Success(ToInfo(app));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every task, by id.</summary>
    public IReadOnlyList<ManagedTask> ListTasks() => Snapshot();

    /// <summary>Task <paramref name="id"/>, or NotFound.</summary>
    public TaskManagerResult<ManagedTask> FindTask(long id) =>
        Find(id) is { } task ? TaskManagerResult<ManagedTask>.Success(task) : TaskManagerResult<ManagedTask>.NotFound(NoTask(id));

    /// <summary>The last <paramref name="max"/> log entries of task <paramref name="id"/> (oldest first), or NotFound.</summary>
    public TaskManagerResult<IReadOnlyList<TaskLogEntry>> GetLogs(long id, int max = 100) =>
        Find(id) is { } task
            ? TaskManagerResult<IReadOnlyList<TaskLogEntry>>.Success(task.Log.Tail(max))
            : TaskManagerResult<IReadOnlyList<TaskLogEntry>>.NotFound(NoTask(id));

    /// <summary>
    /// Calls <paramref name="callback"/> for each later log entry of task <paramref name="id"/> until the returned
    /// subscription is disposed. The callback runs on the writer's thread (often the cooperative thread): it must be
    /// short and must not block (queue the entry and return).
    /// </summary>
    /// <returns>The subscription, or NotFound.</returns>
    public TaskManagerResult<IDisposable> SubscribeLogs(long id, Action<TaskLogEntry> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Find(id) is { } task
            ? TaskManagerResult<IDisposable>.Success(task.Log.Subscribe(callback))
            : TaskManagerResult<IDisposable>.NotFound(NoTask(id));
    }

    /// <summary>
    /// Completes when the current run of task <paramref name="id"/> ends (it becomes Stopped, Disabled or Error); at
    /// once when the task is not running. Never faults.
    /// </summary>
    /// <returns>The wait, or NotFound.</returns>
    public TaskManagerResult<Task> WhenRunEnds(long id)
    {
        if (Find(id) is not { } task)
        {
            return TaskManagerResult<Task>.NotFound(NoTask(id));
        }
        return TaskManagerResult<Task>.Success(task.Run is { } run && task.RunIsCurrent && task.State == TaskState.Running ? run.WhenEnded : Task.CompletedTask);
    }

    /// <summary>The node's task counters.</summary>
    public NodeTaskStatistics GetStatistics()
    {
        int running = 0, disabled = 0, stopped = 0, error = 0;
        long dropped = 0, suppressed = 0, memory = 0;
        foreach (var task in Snapshot())
        {
            var info = task;
            switch (info.State)
            {
                case TaskState.Running:
                    running++;
                    break;
                case TaskState.Disabled:
                    disabled++;
                    break;
                case TaskState.Stopped:
                    stopped++;
                    break;
                default:
                    error++;
                    break;
            }
            var statistics = task.Statistics;
            dropped += statistics.EventsDropped;
            suppressed += statistics.LogLinesSuppressed;
            memory += statistics.MemoryUsed;
        }
        int apps;
        lock (_lock)
        {
            apps = _apps.Count;
        }
        return new NodeTaskStatistics(running, disabled, stopped, error, dropped, suppressed, memory, apps);
    }

    /// <summary>Stops every running task (Disabled is not stored: they start again at the next <see cref="RecoverAsync"/>).</summary>
    public void Dispose()
    {
        _disposing = true;
        foreach (var task in Snapshot())
        {
            task.Run?.Stop("the node is stopping");
        }
    }

    private string? CheckSyntax(string source, string chunkName)
    {
        using var state = new LuaState(new LuaTaskOptions { MemoryLimitBytes = _services.Options.MemoryLimitBytes, TimeProvider = Time });
        return state.CheckSyntax(source, chunkName);
    }

    internal static string ChunkName(string app) => app + ".lua";

    private AppInfo ToInfo(AppRecord app)
    {
        var schema = SchemaOf(app);
        return new(app.Name, app.Version, app.DeployedAt, app.Source.Length, app.Signature, schema.Functions)
        {
            Locales = app.Descriptions is { } descriptions ? [.. descriptions.Keys.Order(StringComparer.Ordinal)] : [],
            Texts = schema.Signature?.Texts ?? new Dictionary<string, Schema.SignatureText>(),
            Described = schema.Signature is { } signature ? FunctionDescription.From(signature) : [],
        };
    }

    // What the version's text says; worked out on first use for versions read back from the store.
    private AppSchema SchemaOf(AppRecord app) =>
        _schemas.GetValue(app, a =>
        {
            // A stored signature was valid when deployed; should it no longer parse (a stricter build), starts are refused with why.
            SchemaArgumentBinder.TryParse(a.Signature, a.Descriptions, out var signature, out var broken);
            return Describe(a.Source, ChunkName(a.Name), signature) with { Broken = broken };
        });

    private AppSchema Describe(string source, string chunkName, Schema.AppSignature? signature)
    {
        var entries = AppEntries.Discover(source, chunkName, _services.Options.MemoryLimitBytes);
        return new AppSchema(signature, entries ?? AppEntries.Declared(source), entries is not null);
    }

    private AppRecord? LatestApp(string? name)
    {
        lock (_lock)
        {
            return name is not null && _apps.TryGetValue(name, out var versions) ? versions[^1] : null;
        }
    }

    private AppRecord? App(string name, int version)
    {
        lock (_lock)
        {
            return _apps.TryGetValue(name, out var versions) ? versions.Find(v => v.Version == version) : null;
        }
    }

    private ManagedTask? Find(long id)
    {
        lock (_lock)
        {
            return _tasks.GetValueOrDefault(id);
        }
    }

    private ManagedTask[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _tasks.Values];
        }
    }

    private static string NoApp(string? name) => $"app '{name}' does not exist";

    private static string NoTask(long id) => $"task {id} does not exist";

    private static string? CheckName(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"{what} is missing";
        }
        if (name.Length > MaxNameLength || !NamePattern().IsMatch(name))
        {
            return $"{what} '{(name.Length > MaxNameLength ? name[..MaxNameLength] + "..." : name)}' is not valid: use 1 to {MaxNameLength} letters, digits, '_', '-' or '.'";
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex NamePattern();
}
