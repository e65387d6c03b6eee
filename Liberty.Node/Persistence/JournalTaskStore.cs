using Liberty.Devices.Model;
using Liberty.Node.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Node.Persistence;

/// <summary>
/// The node's durable state (<see cref="ITaskStore"/>) as three event-sourced entities in the journal:
/// <c>prefix/apps</c> (<see cref="AppsState"/>), <c>prefix/tasks</c> (<see cref="TasksState"/>, tasks with
/// their data, so that deleting a task and its data is one event) and <c>prefix/devices</c>
/// (<see cref="DevicesState"/>). Every call is one event. Each entity snapshots itself every
/// <see cref="PersistenceOptions.SnapshotEvery"/> events, and then deletes the events and snapshots older
/// than its previous snapshot, so recovery reads at most two snapshots' worth of events per entity and an
/// unreadable latest snapshot still has its predecessor and the events after it.
/// </summary>
/// <remarks>
/// <para>Call <see cref="LoadAsync"/> once at start, before any write.</para>
/// <para><b>Thread:</b> any thread; calls are serialised by a lock held only while an event is applied and queued.</para>
/// <para><b>Cancellation:</b> none; a call whose task faulted stored nothing (and the store refuses further
/// writes of that entity until the node restarts and recovers, because its memory is ahead of the journal).</para>
/// <para><b>Ordering:</b> every call queues its event before it returns, under the lock, so changes are stored
/// in call order, also across entities and when the caller does not await them one by one.</para>
/// </remarks>
internal sealed class JournalTaskStore : ITaskStore, IAsyncDisposable
{
    private readonly SqlJournalStore _store;
    private readonly bool _ownsStore;
    private readonly int _snapshotEvery;
    private readonly ILogger _logger;
    private readonly StateEntity<AppsState> _apps;
    private readonly StateEntity<TasksState> _tasks;
    private readonly StateEntity<DevicesState> _devices;

    // Protected by _lock: the entities' in-memory side, which snapshots run, and the recovery task.
    private readonly Lock _lock = new();
    private readonly HashSet<string> _snapshotting = new(StringComparer.Ordinal);
    private readonly List<Task> _snapshotTasks = [];
    private Task? _recovery;
    private bool _loaded;

    /// <summary>Creates the store over <paramref name="store"/>.</summary>
    /// <param name="store">The journal and snapshot store, whose serializer has <see cref="RegisterPayloads"/> applied.</param>
    /// <param name="options">Validated options (<see cref="PersistenceOptions.SnapshotEvery"/>, <see cref="PersistenceOptions.PersistenceIdPrefix"/>).</param>
    /// <param name="logger">Where recovery problems and failed snapshots are logged; null for none.</param>
    /// <param name="ownsStore">Whether <see cref="DisposeAsync"/> disposes <paramref name="store"/>.</param>
    public JournalTaskStore(SqlJournalStore store, PersistenceOptions options, ILogger? logger = null, bool ownsStore = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _ownsStore = ownsStore;
        _snapshotEvery = options.SnapshotEvery;
        _logger = logger ?? NullLogger.Instance;
        var prefix = options.PersistenceIdPrefix;
        _apps = new StateEntity<AppsState>(prefix + "/apps", AppsState.Empty, store, store, _logger);
        _tasks = new StateEntity<TasksState>(prefix + "/tasks", TasksState.Empty, store, store, _logger);
        _devices = new StateEntity<DevicesState>(prefix + "/devices", DevicesState.Empty, store, store, _logger);
    }

    /// <summary>Opens the journal the options ask for (SQLite file or PostgreSQL) and the node's store over it.</summary>
    /// <param name="options">The options (validated here).</param>
    /// <param name="time">The clock of the journal's <c>created</c> columns.</param>
    /// <param name="logger">Where failures are logged; null for none.</param>
    /// <returns>The store; it owns the journal. Call <see cref="LoadAsync"/> next; dispose at shutdown.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public static JournalTaskStore Open(PersistenceOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var serializer = new PayloadSerializer();
        RegisterPayloads(serializer);
        var store = SqlJournalStore.Create(options, serializer, time, logger);
        return new JournalTaskStore(store, options, logger, ownsStore: true);
    }

    /// <summary>Registers the node's events and states with their manifests.</summary>
    /// <param name="serializer">The serializer.</param>
    public static void RegisterPayloads(PayloadSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        serializer.Register<AppSaved>("node.AppSaved");
        serializer.Register<AppRemoved>("node.AppRemoved");
        serializer.Register<TaskSaved>("node.TaskSaved");
        serializer.Register<TaskDeleted>("node.TaskDeleted");
        serializer.Register<TaskDataSaved>("node.TaskDataSaved");
        serializer.Register<DeviceSaved>("node.DeviceSaved");
        serializer.Register<AppsState>("node.AppsState");
        serializer.Register<TasksState>("node.TasksState");
        serializer.Register<DevicesState>("node.DevicesState");
    }

    /// <summary>The number of unreadable events the last <see cref="LoadAsync"/> skipped (each logged with event id 5003).</summary>
    public int SkippedEvents { get; private set; }

    /// <inheritdoc />
    public Task SaveAppAsync(AppRecord app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Persist(_apps, new AppSaved(app));
    }

    /// <inheritdoc />
    public Task RemoveAppAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Persist(_apps, new AppRemoved(name));
    }

    /// <inheritdoc />
    public Task SaveTaskAsync(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Persist(_tasks, new TaskSaved(task));
    }

    /// <inheritdoc />
    public Task DeleteTaskAsync(long taskId) => Persist(_tasks, new TaskDeleted(taskId));

    /// <inheritdoc />
    public Task SaveTaskDataAsync(long taskId, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Persist(_tasks, new TaskDataSaved(taskId, name, value));
    }

    /// <inheritdoc />
    public Task SaveDeviceStateAsync(DeviceSnapshot device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Persist(_devices, new DeviceSaved(device));
    }

    /// <inheritdoc />
    /// <remarks>The first call recovers the three entities from the journal; later calls return the state in memory (which includes every write made since).</remarks>
    public async Task<StoredNodeState> LoadAsync()
    {
        Task recovery;
        lock (_lock)
        {
            recovery = _recovery ??= RecoverAllAsync();
        }
        await recovery.ConfigureAwait(false);
        lock (_lock)
        {
            if (!_loaded)
            {
                _loaded = true;
                // A journal left long (a crash before the snapshot, or a burst) is compacted now.
                StartSnapshotIfDueLocked(_apps);
                StartSnapshotIfDueLocked(_tasks);
                StartSnapshotIfDueLocked(_devices);
            }
            var apps = _apps.State.Apps.OrderBy(static a => a.Key, StringComparer.Ordinal).SelectMany(static a => a.Value).ToList();
            var tasks = _tasks.State.Tasks.Values.OrderBy(static t => t.Id).ToList();
            var data = _tasks.State.Data.ToDictionary(static d => d.Key, static d => (IReadOnlyDictionary<string, string>)d.Value);
            var devices = _devices.State.Devices.Values.OrderBy(static d => d.Info.Id.Name, StringComparer.Ordinal).ToList();
            return new StoredNodeState(apps, tasks, data, devices);
        }
    }

    /// <summary>Waits for running snapshots, then (if it owns it) disposes the journal, which stores every queued write first.</summary>
    /// <returns>Completes when everything written before is stored (or failed).</returns>
    public async ValueTask DisposeAsync()
    {
        while (true)
        {
            Task[] snapshots;
            lock (_lock)
            {
                snapshots = [.. _snapshotTasks.Where(static t => !t.IsCompleted)];
            }
            if (snapshots.Length == 0)
            {
                break;
            }
            await Task.WhenAll(snapshots).ConfigureAwait(false);
        }
        if (_ownsStore)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RecoverAllAsync()
    {
        var skipped = await Task.WhenAll(_apps.RecoverAsync(), _tasks.RecoverAsync(), _devices.RecoverAsync()).ConfigureAwait(false);
        SkippedEvents = skipped.Sum();
    }

    private Task Persist<TState>(StateEntity<TState> entity, object @event)
        where TState : class, IEventSourced<TState>
    {
        lock (_lock)
        {
            if (!_loaded)
            {
                throw new InvalidOperationException("JournalTaskStore: call LoadAsync (recovery) before the first write.");
            }
            Task stored;
            try
            {
                stored = entity.PersistAsync(@event);
            }
            catch (InvalidOperationException ex)
            {
                _logger.StoreFaulted(entity.PersistenceId, ex.Message);
                return Task.FromException(ex);
            }
            StartSnapshotIfDueLocked(entity);
            return stored;
        }
    }

    private void StartSnapshotIfDueLocked<TState>(StateEntity<TState> entity)
        where TState : class, IEventSourced<TState>
    {
        if (!entity.IsFaulted
            && entity.LastSequenceNr - entity.LastSnapshotSequenceNr >= _snapshotEvery
            && _snapshotting.Add(entity.PersistenceId))
        {
            // Captured under the lock (state and number agree); serialized and saved off this thread.
            _snapshotTasks.Add(SnapshotAsync(entity, entity.LastSnapshotSequenceNr, entity.SaveSnapshotAsync()));
        }
    }

    private async Task SnapshotAsync<TState>(StateEntity<TState> entity, long previous, Task<long> save)
        where TState : class, IEventSourced<TState>
    {
        try
        {
            await save.ConfigureAwait(false);
            if (previous > 0)
            {
                // Keep one generation back: the previous snapshot and the events after it.
                await entity.DeleteMessagesToAsync(previous).ConfigureAwait(false);
                await entity.DeleteSnapshotsToAsync(previous - 1).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.SnapshotFailed(ex, entity.PersistenceId, entity.LastSequenceNr);
        }
        finally
        {
            lock (_lock)
            {
                _snapshotting.Remove(entity.PersistenceId);
                _snapshotTasks.RemoveAll(static t => t.IsCompleted);
                // Writes that came while this one ran (a burst queues faster than it is stored) may be due again.
                StartSnapshotIfDueLocked(entity);
            }
        }
    }
}
