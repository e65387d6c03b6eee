using Liberty.Node.Persistence;

namespace Liberty.Tests.Persistence;

/// <summary><see cref="PersistentEntity{TState}"/>: persist, recover, snapshot, delete, fault (on a SQLite journal).</summary>
public sealed class PersistentEntityTests : IAsyncLifetime
{
    private readonly List<SqlJournalStore> _stores = [];

    private SqliteTarget Target { get; set; } = null!;

    public Task InitializeAsync()
    {
        Target = new SqliteTarget();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        await Target.DisposeAsync();
    }

    [Fact]
    public async Task PersistAsync_NotAwaited_StateAppliedAtCallAndStoredInOrder()
    {
        var store = Open();
        var entity = new CounterEntity("c", store, store);
        await entity.RecoverAsync();

        var first = entity.PersistAsync(new TestEvent("a"));
        var second = entity.PersistAsync(new TestEvent("b"));

        Assert.Equal(new TestSnapshot(2, "b"), entity.State);
        Assert.Equal(2, entity.LastSequenceNr);
        await Task.WhenAll(first, second);
        Assert.Equal(["a", "b"], (await store.ReadAsync("c", 1, long.MaxValue)).Select(static e => ((TestEvent)e.Payload).Text));
    }

    [Fact]
    public async Task RecoverAsync_SnapshotThenDeletedEvents_RebuildsFromSnapshotAndLaterEvents()
    {
        var store = Open();
        var entity = new CounterEntity("c", store, store);
        await entity.RecoverAsync();
        for (var i = 0; i < 5; i++)
        {
            await entity.PersistAsync(new TestEvent("e" + i));
        }
        Assert.Equal(5, await entity.SaveSnapshotAsync());
        await entity.DeleteMessagesToAsync(5);
        await entity.PersistAsync(new TestEvent("after"));

        var recovered = new CounterEntity("c", store, store);
        await recovered.RecoverAsync();

        Assert.Equal(new TestSnapshot(6, "after"), recovered.State);
        Assert.Equal(6, recovered.LastSequenceNr);
        Assert.Equal(5, recovered.LastSnapshotSequenceNr);
        Assert.Single(await store.ReadAsync("c", 1, long.MaxValue));
    }

    [Fact]
    public async Task PersistAsync_AnotherWriterWasFirst_FaultsUntilRecovered()
    {
        var store = Open();
        var mine = new CounterEntity("c", store, store);
        var theirs = new CounterEntity("c", store, store);
        await mine.RecoverAsync();
        await theirs.RecoverAsync();
        await theirs.PersistAsync(new TestEvent("theirs"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => mine.PersistAsync(new TestEvent("mine")));

        Assert.Contains("conflicts", ex.Message, StringComparison.Ordinal);
        Assert.True(mine.IsFaulted);
        Assert.Throws<InvalidOperationException>(() => { _ = mine.PersistAsync(new TestEvent("refused")); });
        await mine.RecoverAsync();
        Assert.False(mine.IsFaulted);
        Assert.Equal(new TestSnapshot(1, "theirs"), mine.State);
        await mine.PersistAsync(new TestEvent("mine again"));
        Assert.Equal(2, await store.ReadHighestSequenceNrAsync("c"));
    }

    private SqlJournalStore Open()
    {
        var serializer = new PayloadSerializer();
        serializer.Register<TestEvent>("test.Event");
        serializer.Register<TestSnapshot>("test.Snapshot");
        var store = SqlJournalStore.Create(Target.Options(), serializer, TimeProvider.System);
        _stores.Add(store);
        return store;
    }
}
