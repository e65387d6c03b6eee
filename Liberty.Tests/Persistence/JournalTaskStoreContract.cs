using System.Text.Json;
using Liberty.Devices.Model;
using Liberty.Node.Engine;
using Liberty.Node.Persistence;
using Liberty.Tests.Devices;
using Microsoft.Extensions.Logging;

namespace Liberty.Tests.Persistence;

/// <summary>
/// <see cref="JournalTaskStore"/>, the node's durable state, on each journal; run by
/// <see cref="SqliteJournalTaskStoreTests"/> and <see cref="PostgreSqlJournalTaskStoreTests"/>.
/// </summary>
public abstract class JournalTaskStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Json = new PayloadSerializer().JsonOptions;
    private readonly List<JournalTaskStore> _stores = [];

    protected StoreTarget Target { get; private set; } = null!;

    protected abstract Task<StoreTarget> CreateTargetAsync();

    public async Task InitializeAsync() => Target = await CreateTargetAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        await Target.DisposeAsync();
    }

    [Theory]
    [InlineData(PersistenceOptions.DefaultSnapshotEvery)] // from events
    [InlineData(1)] // from snapshots (every write starts one)
    public async Task LoadAsync_AfterReopen_ReturnsEverythingStored(int snapshotEvery)
    {
        var store = await OpenAsync(snapshotEvery);
        Assert.Equivalent(StoredNodeState.Empty, await store.LoadAsync());
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
        await store.DisposeAsync();
        if (snapshotEvery == 1)
        {
            Assert.Equal(3, await Target.ExecuteSqlAsync("SELECT COUNT(DISTINCT persistence_id) FROM snapshot"));
        }

        var loaded = await (await OpenAsync(snapshotEvery)).LoadAsync();

        Assert.Equal([blink1, blink2], loaded.Apps);
        Assert.Equal([running, error], loaded.Tasks);
        Assert.Equal([1L], loaded.TaskData.Keys);
        Assert.Equal(new Dictionary<string, string> { ["counter"] = "42" }, loaded.TaskData[1]);
        Assert.Equal(JsonSerializer.Serialize(new[] { lamp, sensor }, Json), JsonSerializer.Serialize(loaded.Devices, Json));
    }

    [Fact]
    public async Task Writes_NotAwaitedOneByOne_AreStoredInCallOrder()
    {
        var store = await OpenAsync();
        await store.LoadAsync();
        var writes = new List<Task>();
        for (var i = 0; i < 300; i++)
        {
            writes.Add(store.SaveTaskAsync(Task(7, TaskState.Running) with { Reason = "change " + i }));
            writes.Add(store.SaveTaskDataAsync(7, "last", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (i % 100 == 50)
            {
                writes.Add(store.DeleteTaskAsync(7));
            }
        }
        writes.Add(store.DeleteTaskAsync(8));
        writes.Add(store.SaveTaskAsync(Task(8, TaskState.Stopped)));
        await System.Threading.Tasks.Task.WhenAll(writes);
        await store.DisposeAsync();

        var loaded = await (await OpenAsync()).LoadAsync();

        Assert.Equal(["change 299", null], loaded.Tasks.Select(static t => t.Reason));
        Assert.Equal("299", loaded.TaskData[7]["last"]);
        Assert.Equal(TaskState.Stopped, loaded.Tasks[1].State);
    }

    [Fact]
    public async Task Snapshots_EveryFewEvents_RecoveryMatchesAndOldEventsAreDeleted()
    {
        const int Every = 10;
        var store = await OpenAsync(Every);
        await store.LoadAsync();
        for (var i = 0; i < 125; i++)
        {
            await store.SaveTaskAsync(Task(i % 20, (TaskState)(i % 4)) with { Reason = "r" + i });
        }
        var expected = await store.LoadAsync();
        await store.DisposeAsync();

        var reopened = await OpenAsync(Every);
        var loaded = await reopened.LoadAsync();

        Assert.Equal(expected.Tasks, loaded.Tasks);
        Assert.Equal(20, loaded.Tasks.Count);
        var events = await Target.ExecuteSqlAsync("SELECT COUNT(*) FROM journal WHERE persistence_id = 'node/tasks'");
        var snapshots = await Target.ExecuteSqlAsync("SELECT COUNT(*) FROM snapshot WHERE persistence_id = 'node/tasks'");
        Assert.InRange(events, 1, 3 * Every);
        Assert.InRange(snapshots, 1, 2);
        // The store goes on numbering after what it recovered.
        await reopened.SaveTaskAsync(Task(99, TaskState.Running));
        Assert.Equal(21, (await reopened.LoadAsync()).Tasks.Count);
    }

    [Fact]
    public async Task LoadAsync_TornEvent_IsSkippedAndLoggedAndTheRestLoads()
    {
        var store = await OpenAsync();
        await store.LoadAsync();
        await store.SaveTaskAsync(Task(1, TaskState.Running));
        await store.SaveTaskAsync(Task(2, TaskState.Running));
        await store.SaveTaskAsync(Task(3, TaskState.Running));
        await store.DisposeAsync();
        await Target.ExecuteSqlAsync("UPDATE journal SET manifest = 'node.TaskSavedFromTheFuture' WHERE persistence_id = 'node/tasks' AND sequence_nr = 2");
        var logger = new ListLogger();

        var reopened = await OpenAsync(logger: logger);
        var loaded = await reopened.LoadAsync();

        Assert.Equal([1L, 3L], loaded.Tasks.Select(static t => t.Id));
        Assert.Equal(1, reopened.SkippedEvents);
        var entry = Assert.Single(logger.Entries, static e => e.Id.Id == 5003);
        Assert.Contains("event 2 of 'node/tasks'", entry.Message, StringComparison.Ordinal);
        // Writing goes on after the skipped event.
        await reopened.SaveTaskAsync(Task(4, TaskState.Running));
        Assert.Equal(4, await Target.ExecuteSqlAsync("SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = 'node/tasks'"));
    }

    [Fact]
    public async Task Write_BeforeLoad_ThrowsInvalidOperation()
    {
        var store = await OpenAsync();
        Assert.Throws<InvalidOperationException>(() => { _ = store.SaveTaskAsync(Task(1, TaskState.Running)); });
        await store.LoadAsync();
        await store.SaveTaskAsync(Task(1, TaskState.Running));
    }

    [Fact]
    public void Open_InvalidOptions_ThrowsNamingTheSetting()
    {
        var options = Target.Options(snapshotEvery: 0);
        var ex = Assert.Throws<ArgumentException>(() => JournalTaskStore.Open(options, TimeProvider.System));
        Assert.Contains("SnapshotEvery", ex.Message, StringComparison.Ordinal);
    }

    private protected async Task<JournalTaskStore> OpenAsync(int snapshotEvery = PersistenceOptions.DefaultSnapshotEvery, ILogger? logger = null)
    {
        await System.Threading.Tasks.Task.Yield();
        var store = JournalTaskStore.Open(Target.Options(snapshotEvery), TimeProvider.System, logger);
        _stores.Add(store);
        return store;
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
