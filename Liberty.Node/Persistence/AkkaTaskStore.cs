using Akka.Actor;
using Liberty.Devices.Model;
using Liberty.Node.Engine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Node.Persistence;

/// <summary>
/// The node's durable state (<see cref="ITaskStore"/>) on Akka.Persistence: three <see cref="TaskStoreEntity{TState}"/>
/// persistent actors, <c>prefix/apps</c> (<see cref="AppsState"/>), <c>prefix/tasks</c> (<see cref="TasksState"/>, tasks
/// with their data, so that deleting a task and its data is one event) and <c>prefix/devices</c>
/// (<see cref="DevicesState"/>), on the actor system it is given, whose configuration must include
/// <see cref="PersistenceHocon.Create"/>. Every call is one command and one event; its task completes once the event
/// is in the journal (journaled before acknowledged).
/// </summary>
/// <remarks>
/// <para>Call <see cref="LoadAsync"/> once at start, before any write: it waits for the entities' recovery and
/// imports the previous version's journal into entities that have nothing yet (<see cref="LegacyJournal"/>).</para>
/// <para><b>Thread:</b> any thread.</para>
/// <para><b>Cancellation:</b> none; a call whose task faulted stored nothing, and once an entity's journal write failed
/// the store refuses further writes of that kind (their tasks fail at once) until the node restarts and recovers,
/// because the entity's memory may be ahead of the journal.</para>
/// <para><b>Ordering:</b> each call tells its command before it returns, so the changes of one kind (apps, tasks,
/// devices) are stored and applied in call order, also when the caller does not await them one by one. Changes of
/// different kinds are written independently: a crash can keep a later change of one kind and lose an earlier,
/// unacknowledged change of another.</para>
/// </remarks>
internal sealed class AkkaTaskStore : ITaskStore, IAsyncDisposable
{
    /// <summary>How long <see cref="DisposeAsync"/> waits for each entity to store what it was told and stop.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly PersistenceOptions _options;
    private readonly ILogger _logger;
    private readonly EntityChannel _apps;
    private readonly EntityChannel _tasks;
    private readonly EntityChannel _devices;

    // Protected by _lock: the one load, and whether it finished (writes are refused before).
    private readonly Lock _lock = new();
    private Task<StoredNodeState>? _load;
    private volatile bool _loaded;
    private int _disposed;

    private AkkaTaskStore(ActorSystem system, PersistenceOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        var prefix = options.PersistenceIdPrefix;
        _apps = Start(system, prefix + "/apps", AppsState.Empty);
        _tasks = Start(system, prefix + "/tasks", TasksState.Empty);
        _devices = Start(system, prefix + "/devices", DevicesState.Empty);
    }

    /// <summary>The number of unreadable events the entities' recovery skipped (each logged with event id 5003).</summary>
    public int SkippedEvents { get; private set; }

    /// <summary>Where the data is ("SQLite file …" / "PostgreSQL host:port, database …", never the password).</summary>
    public string Location => _options.DescribeLocation();

    /// <summary>Starts the store's entities on <paramref name="system"/>; they begin recovering at once.</summary>
    /// <param name="system">An actor system configured with <see cref="PersistenceHocon.Create"/> for the same <paramref name="options"/>.</param>
    /// <param name="options">The options (validated here).</param>
    /// <param name="logger">Where recovery problems and failed writes are logged; null for none.</param>
    /// <returns>The store. Call <see cref="LoadAsync"/> next; dispose it before the actor system terminates.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or the SQLite data folder cannot be created; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The SQLite file cannot be opened; the message names it.</exception>
    /// <remarks>SQLite: the file is switched to WAL once (a setting the file keeps) before any entity touches it;
    /// with SQLite's default <c>synchronous=FULL</c> every commit is synced, so an acknowledged change survives a crash
    /// and a power loss.</remarks>
    public static AkkaTaskStore Start(ActorSystem system, PersistenceOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ = PersistenceHocon.Create(options); // the same checks as the system's configuration (a malformed connection string)
        if (options.Provider == PersistenceProvider.Sqlite)
        {
            PrepareSqliteFile(options);
        }
        return new AkkaTaskStore(system, options, logger ?? NullLogger.Instance);
    }

    /// <inheritdoc />
    public Task SaveAppAsync(AppRecord app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Write(_apps, new AppSaved(app));
    }

    /// <inheritdoc />
    public Task RemoveAppAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Write(_apps, new AppRemoved(name));
    }

    /// <inheritdoc />
    public Task SaveTaskAsync(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Write(_tasks, new TaskSaved(task));
    }

    /// <inheritdoc />
    public Task DeleteTaskAsync(long taskId) => Write(_tasks, new TaskDeleted(taskId));

    /// <inheritdoc />
    public Task SaveTaskDataAsync(long taskId, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Write(_tasks, new TaskDataSaved(taskId, name, value));
    }

    /// <inheritdoc />
    public Task SaveDeviceStateAsync(DeviceSnapshot device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Write(_devices, new DeviceSaved(device));
    }

    /// <inheritdoc />
    /// <remarks>The first call waits for the entities' recovery and imports the previous version's journal where
    /// needed; later calls return the state in memory, including every write told before the call.</remarks>
    /// <exception cref="InvalidOperationException">An entity cannot be recovered (the database cannot be reached, a
    /// snapshot is unreadable); the message names the entity, the database and the cause.</exception>
    public async Task<StoredNodeState> LoadAsync()
    {
        Task<StoredNodeState>? first = null;
        Task<StoredNodeState> load;
        lock (_lock)
        {
            load = _load ??= first = LoadFirstAsync();
        }
        var state = await load.ConfigureAwait(false);
        return first is not null ? state : await ReadAllAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the entities once each has stored what it was told (and finished a running snapshot).</summary>
    /// <returns>Completes when they stopped, or after <see cref="StopTimeout"/> each (logged).</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await Task.WhenAll(StopAsync(_apps), StopAsync(_tasks), StopAsync(_devices)).ConfigureAwait(false);
    }

    private static void PrepareSqliteFile(PersistenceOptions options)
    {
        var path = Path.GetFullPath(options.SqlitePath);
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Persistence: cannot create the data folder '{folder}': {ex.Message}", nameof(options), ex);
        }
        try
        {
            using var connection = new SqliteConnection(PersistenceHocon.SqliteConnectionString(options));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL";
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            throw new InvalidOperationException($"Cannot open the SQLite file {path}: {ex.Message}", ex);
        }
    }

    private EntityChannel Start<TState>(ActorSystem system, string persistenceId, TState empty)
        where TState : class, IEventSourced<TState>
    {
        var channel = new EntityChannel(persistenceId);
        // Actor names may not contain '/': the prefix is letters, digits, '-', '_' and '.' (PersistenceOptions.Validate).
        channel.Entity = system.ActorOf(TaskStoreEntity<TState>.Props(channel, empty, _options.SnapshotEvery, _logger), "store-" + persistenceId.Replace('/', '-'));
        return channel;
    }

    private Task<bool> Write(EntityChannel entity, object @event)
    {
        if (!_loaded)
        {
            throw new InvalidOperationException("AkkaTaskStore: call LoadAsync (recovery) before the first write.");
        }
        return entity.Send<bool>(reply => new EntityWrite(@event, reply));
    }

    private async Task<StoredNodeState> LoadFirstAsync()
    {
        var apps = await ImportIfEmptyAsync(_apps, AppsState.Empty).ConfigureAwait(false);
        var tasks = await ImportIfEmptyAsync(_tasks, TasksState.Empty).ConfigureAwait(false);
        var devices = await ImportIfEmptyAsync(_devices, DevicesState.Empty).ConfigureAwait(false);
        SkippedEvents = apps.Skipped + tasks.Skipped + devices.Skipped;
        _loaded = true;
        return ToStored(apps.State, tasks.State, devices.State);
    }

    private async Task<(TState State, int Skipped)> ImportIfEmptyAsync<TState>(EntityChannel entity, TState empty)
        where TState : class, IEventSourced<TState>
    {
        var recovered = await ReadAsync(entity).ConfigureAwait(false);
        if (recovered.SequenceNr > 0)
        {
            return ((TState)recovered.State, recovered.SkippedEvents);
        }
        // Nothing in the new journal: a new node, or the first start after an upgrade. The import is one event,
        // so it is all or nothing; once it is stored the entity is no longer empty and this is never done again.
        var legacy = await LegacyJournal.ReadAsync(_options, entity.PersistenceId, empty, _logger).ConfigureAwait(false);
        if (legacy is null)
        {
            return ((TState)recovered.State, recovered.SkippedEvents);
        }
        await entity.Send<bool>(reply => new EntityWrite(legacy.State, reply)).ConfigureAwait(false);
        _logger.LegacyImported(entity.PersistenceId, Location, legacy.SnapshotSequenceNr, legacy.Events);
        return (legacy.State, recovered.SkippedEvents);
    }

    private async Task<StoredNodeState> ReadAllAsync()
    {
        var apps = await ReadAsync(_apps).ConfigureAwait(false);
        var tasks = await ReadAsync(_tasks).ConfigureAwait(false);
        var devices = await ReadAsync(_devices).ConfigureAwait(false);
        return ToStored((AppsState)apps.State, (TasksState)tasks.State, (DevicesState)devices.State);
    }

    private async Task<EntityState> ReadAsync(EntityChannel entity)
    {
        try
        {
            return await entity.Send<EntityState>(static reply => new EntityRead(reply)).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"Cannot load the node's state from {Location}: {ex.Message}", ex);
        }
    }

    private static StoredNodeState ToStored(AppsState apps, TasksState tasks, DevicesState devices) => new(
        apps.Apps.OrderBy(static a => a.Key, StringComparer.Ordinal).SelectMany(static a => a.Value).ToList(),
        tasks.Tasks.Values.OrderBy(static t => t.Id).ToList(),
        tasks.Data.ToDictionary(static d => d.Key, static d => (IReadOnlyDictionary<string, string>)d.Value),
        devices.Devices.Values.OrderBy(static d => d.Info.Id.Name, StringComparer.Ordinal).ToList());

    private async Task StopAsync(EntityChannel entity)
    {
        try
        {
            if (!await entity.Entity.GracefulStop(StopTimeout, EntityStop.Instance).ConfigureAwait(false))
            {
                _logger.StopTimedOut(entity.PersistenceId, StopTimeout);
            }
        }
        catch (TaskCanceledException)
        {
            _logger.StopTimedOut(entity.PersistenceId, StopTimeout);
        }
        entity.Fault(new ObjectDisposedException(nameof(AkkaTaskStore), $"The node's store of '{entity.PersistenceId}' is disposed."));
    }
}
