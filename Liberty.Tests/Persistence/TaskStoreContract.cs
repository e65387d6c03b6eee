using System.Globalization;
using System.Text;
using System.Text.Json;
using Liberty.Devices.Model;
using Liberty.Node.Engine;
using Liberty.Node.Hosting;
using Liberty.Node.Persistence;
using Liberty.Tests.Devices;
using Microsoft.Extensions.Logging;

namespace Liberty.Tests.Persistence;

/// <summary>
/// <see cref="AkkaTaskStore"/>, the node's durable state on Akka.Persistence with the Akka.Persistence.Sql journal and
/// snapshot store, on each database; run by <see cref="SqliteTaskStoreTests"/> and <see cref="PostgreSqlTaskStoreTests"/>.
/// Each store runs on its own actor system (<see cref="PersistenceHost"/>), as in the node.
/// </summary>
public abstract class TaskStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<PersistenceHost> _hosts = [];

    protected StoreTarget Target { get; private set; } = null!;

    protected abstract Task<StoreTarget> CreateTargetAsync();

    public async Task InitializeAsync() => Target = await CreateTargetAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
        await Target.DisposeAsync();
    }

    [Theory]
    [InlineData(PersistenceOptions.DefaultSnapshotEvery)] // from events
    [InlineData(1)] // from snapshots (every write starts one)
    public async Task LoadAsync_AfterRestart_ReturnsEverythingStored(int snapshotEvery)
    {
        var host = Open(snapshotEvery);
        Assert.Equivalent(StoredNodeState.Empty, await host.Store.LoadAsync());
        var store = host.Store;
        var blink1 = new AppRecord("blink", 1, "function main() end", null, T0);
        var blink2 = new AppRecord("blink", 2, "function main() print(2) end", """{"args":[]}""", T0.AddMinutes(1));
        await store.SaveAppAsync(blink2);
        await store.SaveAppAsync(blink1);
        await store.SaveAppAsync(new AppRecord("gone", 1, "x", null, T0));
        await store.RemoveAppAsync("gone");
        var running = Task(1, TaskState.Running);
        var error = new TaskRecord(2, "t2", "blink", 2, "main", """{"n":[1,2]}""", TaskState.Error, "boom at line 3", "stack traceback:\n\t[C]: in ?", T0.AddSeconds(5));
        await store.SaveTaskAsync(running);
        await store.SaveTaskAsync(error);
        await store.SaveTaskAsync(Task(3, TaskState.Disabled));
        await store.SaveTaskDataAsync(1, "counter", "41");
        await store.SaveTaskDataAsync(1, "counter", "42");
        await store.SaveTaskDataAsync(1, "erased", "x");
        await store.SaveTaskDataAsync(1, "erased", null);
        await store.SaveTaskDataAsync(3, "mine", "3");
        await store.DeleteTaskAsync(3);
        var lamp = Device("n1/lamp", ok: true, (6, 0, AttributeValue.FromBoolean(true)), (8, 0, AttributeValue.FromInt64(200)));
        var sensor = Device("n1/sensor", ok: false, (0x402, 0, AttributeValue.FromDouble(21.5)), (0, 5, AttributeValue.FromString("model")));
        await store.SaveDeviceStateAsync(Device("n1/lamp", ok: true, (6, 0, AttributeValue.FromBoolean(false))));
        await store.SaveDeviceStateAsync(lamp);
        await store.SaveDeviceStateAsync(sensor);
        await host.DisposeAsync();
        if (snapshotEvery == 1)
        {
            Assert.Equal(3, await Target.ExecuteSqlAsync($"SELECT COUNT(DISTINCT persistence_id) FROM {PersistenceHocon.SnapshotTable}"));
        }

        var loaded = await Open(snapshotEvery).Store.LoadAsync();

        Assert.Equal([blink1, blink2], loaded.Apps);
        Assert.Equal([running, error], loaded.Tasks);
        Assert.Equal([1L], loaded.TaskData.Keys);
        Assert.Equal(new Dictionary<string, string> { ["counter"] = "42" }, loaded.TaskData[1]);
        Assert.Equal(JsonSerializer.Serialize(new[] { lamp, sensor }, PersistenceSerializer.JsonOptions), JsonSerializer.Serialize(loaded.Devices, PersistenceSerializer.JsonOptions));
    }

    [Fact]
    public async Task Writes_NotAwaitedOneByOne_AreStoredInCallOrder()
    {
        var host = Open();
        var store = host.Store;
        await store.LoadAsync();
        var writes = new List<Task>();
        for (var i = 0; i < 300; i++)
        {
            writes.Add(store.SaveTaskAsync(Task(7, TaskState.Running) with { Reason = "change " + i }));
            writes.Add(store.SaveTaskDataAsync(7, "last", i.ToString(CultureInfo.InvariantCulture)));
            if (i % 100 == 50)
            {
                writes.Add(store.DeleteTaskAsync(7));
            }
        }
        writes.Add(store.DeleteTaskAsync(8));
        writes.Add(store.SaveTaskAsync(Task(8, TaskState.Stopped)));
        await System.Threading.Tasks.Task.WhenAll(writes).WaitAsync(Patience);
        await host.DisposeAsync();

        var loaded = await Open().Store.LoadAsync();

        Assert.Equal(["change 299", null], loaded.Tasks.Select(static t => t.Reason));
        Assert.Equal("299", loaded.TaskData[7]["last"]);
        Assert.Equal(TaskState.Stopped, loaded.Tasks[1].State);
    }

    [Fact]
    public async Task Writes_FromManyThreadsAtOnce_AreAllStored()
    {
        var host = Open(snapshotEvery: 50);
        await host.Store.LoadAsync();
        var writers = Enumerable.Range(0, 8).Select(w => System.Threading.Tasks.Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await host.Store.SaveTaskAsync(Task((w * 1000) + i, TaskState.Running));
            }
        }));
        await System.Threading.Tasks.Task.WhenAll(writers).WaitAsync(Patience);
        await host.DisposeAsync();

        var loaded = await Open(snapshotEvery: 50).Store.LoadAsync();

        Assert.Equal(320, loaded.Tasks.Count);
    }

    [Fact]
    public async Task DisposeAsync_WritesNotAwaited_StoresThemFirst()
    {
        var host = Open();
        await host.Store.LoadAsync();
        for (var i = 1; i <= 200; i++)
        {
            _ = host.Store.SaveTaskAsync(Task(i, TaskState.Running));
        }
        await host.DisposeAsync();

        var loaded = await Open().Store.LoadAsync();

        Assert.Equal(200, loaded.Tasks.Count);
    }

    [Fact]
    public async Task Snapshots_EveryFewEvents_RecoveryMatchesAndOldEventsAreDeleted()
    {
        const int Every = 10;
        var host = Open(Every);
        await host.Store.LoadAsync();
        for (var i = 0; i < 125; i++)
        {
            await host.Store.SaveTaskAsync(Task(i % 20, (TaskState)(i % 4)) with { Reason = "r" + i });
        }
        var expected = await host.Store.LoadAsync();
        await host.DisposeAsync();

        var reopened = Open(Every);
        var loaded = await reopened.Store.LoadAsync();

        Assert.Equal(expected.Tasks, loaded.Tasks);
        Assert.Equal(20, loaded.Tasks.Count);
        var events = await Target.ExecuteSqlAsync($"SELECT COUNT(*) FROM {PersistenceHocon.JournalTable} WHERE persistence_id = 'node/tasks' AND deleted = {Target.FalseLiteral}");
        var snapshots = await Target.ExecuteSqlAsync($"SELECT COUNT(*) FROM {PersistenceHocon.SnapshotTable} WHERE persistence_id = 'node/tasks'");
        Assert.InRange(events, 1, 3 * Every);
        Assert.InRange(snapshots, 1, 2);
        // The entity goes on numbering after what it recovered.
        await reopened.Store.SaveTaskAsync(Task(99, TaskState.Running));
        Assert.Equal(21, (await reopened.Store.LoadAsync()).Tasks.Count);
        Assert.Equal(126, await Target.ExecuteSqlAsync($"SELECT MAX(sequence_number) FROM {PersistenceHocon.JournalTable} WHERE persistence_id = 'node/tasks'"));
    }

    [Fact]
    public async Task LoadAsync_UnreadableEvent_IsSkippedAndLoggedAndTheRestLoads()
    {
        var host = Open();
        await host.Store.LoadAsync();
        await host.Store.SaveTaskAsync(Task(1, TaskState.Running));
        await host.Store.SaveTaskAsync(Task(2, TaskState.Running));
        await host.Store.SaveTaskAsync(Task(3, TaskState.Running));
        await host.DisposeAsync();
        await Target.ExecuteSqlAsync($"UPDATE {PersistenceHocon.JournalTable} SET manifest = 'node.TaskSavedFromTheFuture' WHERE persistence_id = 'node/tasks' AND sequence_number = 2");
        var logger = new ListLogger();

        var reopened = Open(logger: logger);
        var loaded = await reopened.Store.LoadAsync();

        Assert.Equal([1L, 3L], loaded.Tasks.Select(static t => t.Id));
        Assert.Equal(1, reopened.Store.SkippedEvents);
        var entry = Assert.Single(logger.Entries, static e => e.Id.Id == 5003);
        Assert.Contains("event 2 (manifest 'node.TaskSavedFromTheFuture')", entry.Message, StringComparison.Ordinal);
        // Writing goes on after the skipped event.
        await reopened.Store.SaveTaskAsync(Task(4, TaskState.Running));
        Assert.Equal(4, await Target.ExecuteSqlAsync($"SELECT MAX(sequence_number) FROM {PersistenceHocon.JournalTable} WHERE persistence_id = 'node/tasks'"));
    }

    [Fact]
    public async Task LoadAsync_UnreadableSnapshot_ThrowsNamingTheEntityAndRefusesWrites()
    {
        var host = Open(snapshotEvery: 1);
        await host.Store.LoadAsync();
        await host.Store.SaveTaskAsync(Task(1, TaskState.Running));
        await host.DisposeAsync();
        await Target.ExecuteSqlAsync($"UPDATE {PersistenceHocon.SnapshotTable} SET manifest = 'node.TasksStateFromTheFuture' WHERE persistence_id = 'node/tasks'");

        var reopened = Open(snapshotEvery: 1);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(reopened.Store.LoadAsync).WaitAsync(Patience);

        Assert.Contains("'node/tasks'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("node.TasksStateFromTheFuture", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => { _ = reopened.Store.SaveTaskAsync(Task(2, TaskState.Running)); });
    }

    [Fact]
    public async Task Write_JournalWriteFails_FailsThatWriteAndLaterOnesAtOnce()
    {
        var logger = new ListLogger();
        var host = Open(logger: logger);
        await host.Store.LoadAsync();
        await host.Store.SaveTaskAsync(Task(1, TaskState.Running));
        await Target.ExecuteSqlAsync($"DROP TABLE {PersistenceHocon.JournalTable}");

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Store.SaveTaskAsync(Task(2, TaskState.Running))).WaitAsync(Patience);
        var later = host.Store.SaveTaskAsync(Task(3, TaskState.Running));

        Assert.Contains("'node/tasks'", failed.Message, StringComparison.Ordinal);
        Assert.True(later.IsFaulted, "a write after the failure fails at once");
        Assert.Contains(logger.Entries.ToArray(), static e => e.Id.Id == 5005);
    }

    [Fact]
    public async Task Write_BeforeLoad_ThrowsInvalidOperation()
    {
        var host = Open();
        Assert.Throws<InvalidOperationException>(() => { _ = host.Store.SaveTaskAsync(Task(1, TaskState.Running)); });
        await host.Store.LoadAsync();
        await host.Store.SaveTaskAsync(Task(1, TaskState.Running));
    }

    [Fact]
    public void Start_InvalidOptions_ThrowsNamingTheSetting()
    {
        var options = Target.Options(snapshotEvery: 0);
        var ex = Assert.Throws<ArgumentException>(() => PersistenceHost.Start(options));
        Assert.Contains("SnapshotEvery", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_PreviousVersionsJournal_IsImportedOnceAndLeftUntouched()
    {
        await WriteLegacyJournalAsync();
        var logger = new ListLogger();

        var host = Open(logger: logger);
        var first = await host.Store.LoadAsync();
        await host.Store.SaveTaskDataAsync(2, "after", "import");
        await host.DisposeAsync();
        var second = await Open(logger: logger).Store.LoadAsync();

        // Apps from events only; tasks from the snapshot at 3 plus the events after it (1..3 are covered by it).
        Assert.Equal([new AppRecord("blink", 1, "function main() end", null, T0)], first.Apps);
        Assert.Equal([(1L, TaskState.Stopped, "done"), (2L, TaskState.Running, null)], first.Tasks.Select(static t => (t.Id, t.State, t.Reason)));
        Assert.Equal("7", first.TaskData[2]["n"]);
        Assert.Empty(first.Devices);
        Assert.Equal(first.Tasks, second.Tasks);
        Assert.Equal(first.Apps, second.Apps);
        Assert.Equal("import", second.TaskData[2]["after"]);
        Assert.Equal(2, logger.Entries.Count(static e => e.Id.Id == 5008)); // apps and tasks, at the first start only
        Assert.Equal(1, await Target.ExecuteSqlAsync($"SELECT COUNT(*) FROM {PersistenceHocon.JournalTable} WHERE persistence_id = 'node/apps'"));
        Assert.Equal(7, await Target.ExecuteSqlAsync("SELECT COUNT(*) FROM journal")); // the old rows are left as they were
    }

    [Fact]
    public async Task LoadAsync_NoPreviousJournal_ImportsNothing()
    {
        var logger = new ListLogger();

        var loaded = await Open(logger: logger).Store.LoadAsync();

        Assert.Equivalent(StoredNodeState.Empty, loaded);
        Assert.DoesNotContain(logger.Entries.ToArray(), static e => e.Id.Id == 5008);
    }

    private protected PersistenceHost Open(int snapshotEvery = PersistenceOptions.DefaultSnapshotEvery, ILogger? logger = null)
    {
        var host = PersistenceHost.Start(Target.Options(snapshotEvery), logger);
        _hosts.Add(host);
        return host;
    }

    /// <summary>The previous version's tables and rows, written with plain SQL as that version wrote them.</summary>
    private async Task WriteLegacyJournalAsync()
    {
        await Target.ExecuteSqlAsync(Target.LegacySchemaSql);
        static string TaskJson(long id, string state, string? reason) =>
            $$"""{"id":{{id}},"name":"task{{id}}","app":"blink","appVersion":1,"function":"main","argumentsJson":null,"state":"{{state}}","reason":{{(reason is null ? "null" : "\"" + reason + "\"")}},"traceback":null,"createdAt":"2026-11-21T03:00:0{{id}}+00:00"}""";
        var rows = new (string Table, string Pid, long Seq, string Manifest, string Json)[]
        {
            ("journal", "node/apps", 1, "node.AppSaved", """{"app":{"name":"blink","version":1,"source":"function main() end","signature":null,"deployedAt":"2026-11-21T03:00:00+00:00"}}"""),
            ("journal", "node/apps", 2, "node.AppSaved", """{"app":{"name":"gone","version":1,"source":"x","signature":null,"deployedAt":"2026-11-21T03:00:00+00:00"}}"""),
            ("journal", "node/apps", 3, "node.AppRemoved", """{"name":"gone"}"""),
            ("journal", "node/tasks", 3, "node.TaskSaved", $$"""{"task":{{TaskJson(1, "Error", "covered by the snapshot")}}}"""),
            ("snapshot", "node/tasks", 3, "node.TasksState", "{\"tasks\":{\"1\":" + TaskJson(1, "Running", null) + "},\"data\":{}}"),
            ("journal", "node/tasks", 4, "node.TaskSaved", $$"""{"task":{{TaskJson(2, "Running", null)}}}"""),
            ("journal", "node/tasks", 5, "node.TaskDataSaved", """{"taskId":2,"name":"n","value":"7"}"""),
            ("journal", "node/tasks", 6, "node.TaskSaved", $$"""{"task":{{TaskJson(1, "Stopped", "done")}}}"""),
        };
        foreach (var (table, pid, seq, manifest, json) in rows)
        {
            var payload = Target.BlobLiteral(Encoding.UTF8.GetBytes(json));
            await Target.ExecuteSqlAsync(table == "journal"
                ? $"INSERT INTO journal (persistence_id, sequence_nr, created, manifest, payload, tags) VALUES ('{pid}', {seq}, 0, '{manifest}', {payload}, NULL)"
                : $"INSERT INTO snapshot (persistence_id, sequence_nr, created, manifest, payload) VALUES ('{pid}', {seq}, 0, '{manifest}', {payload})");
        }
    }

    private static TaskRecord Task(long id, TaskState state) =>
        new(id, "task" + id, "blink", 1, "main", null, state, null, null, T0.AddSeconds(id));

    private static DeviceSnapshot Device(string name, bool ok, params (int Cluster, int Attribute, AttributeValue Value)[] attributes)
    {
        Assert.True(DeviceId.TryParse(name, out var id, out var error), error);
        return new DeviceSnapshot(
            new DeviceInfo(id, 0x0100, [6, 8], "simulated"),
            ok,
            ok ? T0.AddMinutes(2) : null,
            attributes.Select(static a => new AttributeReading(a.Cluster, a.Attribute, a.Value, T0.AddMinutes(1))).ToList());
    }
}
