using Liberty.Node.Persistence;

namespace Liberty.Tests.Persistence;

/// <summary>
/// The contract every journal and snapshot store keeps (CONVENTIONS.md 20); run by
/// <see cref="SqliteJournalStoreTests"/> and <see cref="PostgreSqlJournalStoreTests"/>.
/// </summary>
public abstract class JournalStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<SqlJournalStore> _stores = [];

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

    [Fact]
    public async Task Append_InOrder_ReadReturnsEventsInOrderWithMetadata()
    {
        var store = Open();
        Assert.Equal(AppendStatus.Stored, (await store.AppendAsync(Write("a", 1, "one", "two"))).Status);
        var third = await store.AppendAsync(new AtomicWrite("a", 3, [new TestEvent("three")], "tag-x"));
        Assert.Equal(new AppendResult(AppendStatus.Stored, 3), third);

        var all = await store.ReadAsync("a", 1, long.MaxValue);
        Assert.Equal(["one", "two", "three"], all.Select(static e => ((TestEvent)e.Payload).Text));
        Assert.Equal([1L, 2L, 3L], all.Select(static e => e.SequenceNr));
        Assert.True(all[0].Ordering < all[1].Ordering && all[1].Ordering < all[2].Ordering, "ordering must grow with insertion");
        Assert.Equal("test.Event", all[0].Manifest);
        Assert.Null(all[0].Tags);
        Assert.Equal("tag-x", all[2].Tags);
        Assert.Equal(["two"], (await store.ReadAsync("a", 2, 2)).Select(static e => ((TestEvent)e.Payload).Text));
        Assert.Equal(["two", "three"], (await store.ReadAsync("a", 2, long.MaxValue, max: 5)).Select(static e => ((TestEvent)e.Payload).Text));
        Assert.Single(await store.ReadAsync("a", 1, long.MaxValue, max: 1));
        Assert.Empty(await store.ReadAsync("other", 1, long.MaxValue));
        Assert.Equal(3, await store.ReadHighestSequenceNrAsync("a"));
        Assert.Equal(0, await store.ReadHighestSequenceNrAsync("other"));
    }

    [Fact]
    public async Task Append_SequenceNrNotNext_ReportsConflictAndStoresNothing()
    {
        var store = Open();
        await store.AppendAsync(Write("a", 1, "one", "two"));

        Assert.Equal(new AppendResult(AppendStatus.Conflict, 2), await store.AppendAsync(Write("a", 2, "again")));
        Assert.Equal(new AppendResult(AppendStatus.Conflict, 2), await store.AppendAsync(Write("a", 4, "gap")));
        Assert.Equal(new AppendResult(AppendStatus.Conflict, 0), await store.AppendAsync(Write("fresh", 2, "gap")));

        Assert.Equal(["one", "two"], (await store.ReadAsync("a", 1, long.MaxValue)).Select(static e => ((TestEvent)e.Payload).Text));
        Assert.Empty(await store.ReadAsync("fresh", 1, long.MaxValue));
        Assert.Equal(AppendStatus.Stored, (await store.AppendAsync(Write("a", 3, "three"))).Status);
    }

    [Fact]
    public async Task Append_RowWrittenBehindTheStoresBack_BatchIsAtomicAndReportedAsConflict()
    {
        var store = Open();
        await store.AppendAsync(Write("a", 1, "one"));
        // Another writer takes number 3; this store's writer still believes the highest is 1.
        await Target.ExecuteSqlAsync(
            "INSERT INTO journal (persistence_id, sequence_nr, created, manifest, payload) " +
            "SELECT persistence_id, 3, created, manifest, payload FROM journal WHERE persistence_id = 'a' AND sequence_nr = 1");

        var batch = store.AppendAsync(Write("a", 2, "two", "three", "four"));
        var other = store.AppendAsync(Write("b", 1, "unrelated"));

        Assert.Equal(AppendStatus.Conflict, (await batch).Status);
        Assert.Equal(3, (await batch).HighestSequenceNr);
        Assert.Equal(AppendStatus.Stored, (await other).Status);
        Assert.Equal([1L, 3L], (await store.ReadAsync("a", 1, long.MaxValue)).Select(static e => e.SequenceNr));
        Assert.Single(await store.ReadAsync("b", 1, long.MaxValue));

        // The same for a write alone in its transaction.
        await Target.ExecuteSqlAsync(
            "INSERT INTO journal (persistence_id, sequence_nr, created, manifest, payload) " +
            "SELECT persistence_id, 4, created, manifest, payload FROM journal WHERE persistence_id = 'b' AND sequence_nr = 1");
        Assert.Equal(new AppendResult(AppendStatus.Conflict, 4), await store.AppendAsync(Write("b", 2, "x", "y", "z", "w")));
        Assert.Equal([1L, 4L], (await store.ReadAsync("b", 1, long.MaxValue)).Select(static e => e.SequenceNr));
        Assert.Equal(AppendStatus.Stored, (await store.AppendAsync(Write("b", 5, "five"))).Status);
    }

    [Fact]
    public async Task Append_UnregisteredOrEmpty_ThrowsSynchronouslyAndStoresNothing()
    {
        var store = Open();
        Assert.Throws<ArgumentException>(() => { _ = store.AppendAsync(new AtomicWrite("a", 1, [new TestEvent("ok"), new Uri("http://x")])); });
        Assert.Throws<ArgumentException>(() => { _ = store.AppendAsync(new AtomicWrite("a", 1, [])); });
        Assert.Throws<ArgumentException>(() => { _ = store.AppendAsync(Write("a", 0, "zero")); });
        Assert.Equal(0, await store.ReadHighestSequenceNrAsync("a"));
    }

    [Fact]
    public async Task DeleteMessagesTo_DeletesUpToAndRemembersHighest()
    {
        var store = Open();
        await store.AppendAsync(Write("a", 1, "1", "2", "3", "4"));

        await store.DeleteMessagesToAsync("a", 2);
        Assert.Equal([3L, 4L], (await store.ReadAsync("a", 1, long.MaxValue)).Select(static e => e.SequenceNr));

        await store.DeleteMessagesToAsync("a", long.MaxValue);
        Assert.Empty(await store.ReadAsync("a", 1, long.MaxValue));
        Assert.Equal(4, await store.ReadHighestSequenceNrAsync("a"));
        Assert.Equal(AppendStatus.Conflict, (await store.AppendAsync(Write("a", 1, "reuse"))).Status);
        Assert.Equal(AppendStatus.Stored, (await store.AppendAsync(Write("a", 5, "five"))).Status);
    }

    [Fact]
    public async Task Snapshots_SaveLoadLatestAtMostAndDelete()
    {
        var store = Open();
        Assert.Null(await store.LoadSnapshotAsync("a"));
        await store.SaveSnapshotAsync("a", 10, new TestSnapshot(10, "ten"));
        await store.SaveSnapshotAsync("a", 20, new TestSnapshot(20, "twenty"));
        await store.SaveSnapshotAsync("a", 30, new TestSnapshot(30, "thirty"));
        await store.SaveSnapshotAsync("b", 99, new TestSnapshot(99, "other entity"));

        Assert.Equal(new TestSnapshot(30, "thirty"), (await store.LoadSnapshotAsync("a"))!.State);
        var atMost25 = await store.LoadSnapshotAsync("a", 25);
        Assert.Equal(20, atMost25!.SequenceNr);
        Assert.Equal(new TestSnapshot(20, "twenty"), atMost25.State);
        Assert.Null(await store.LoadSnapshotAsync("a", 9));

        await store.SaveSnapshotAsync("a", 30, new TestSnapshot(31, "replaced"));
        Assert.Equal(new TestSnapshot(31, "replaced"), (await store.LoadSnapshotAsync("a"))!.State);

        await store.DeleteSnapshotsToAsync("a", 20);
        Assert.Null(await store.LoadSnapshotAsync("a", 29));
        Assert.Equal(30, (await store.LoadSnapshotAsync("a"))!.SequenceNr);
        await store.DeleteSnapshotsToAsync("a", long.MaxValue);
        Assert.Null(await store.LoadSnapshotAsync("a"));
        Assert.NotNull(await store.LoadSnapshotAsync("b"));
    }

    [Fact]
    public async Task Append_ManyConcurrentAppenders_AllStoredGapFreeInCallOrder()
    {
        const int Appenders = 16;
        const int Each = 40;
        var store = Open();
        var appenders = Enumerable.Range(0, Appenders).Select(a => Task.Run(async () =>
        {
            var pid = "p" + a;
            // Half await each write, half fire all and await at the end: both keep call order.
            if (a % 2 == 0)
            {
                for (var i = 1; i <= Each; i++)
                {
                    Assert.True((await store.AppendAsync(Write(pid, i, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).IsStored);
                }
            }
            else
            {
                var writes = Enumerable.Range(1, Each).Select(i => store.AppendAsync(Write(pid, i, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList();
                Assert.All(await Task.WhenAll(writes), static r => Assert.True(r.IsStored));
            }
        })).ToArray();
        await Task.WhenAll(appenders).WaitAsync(Patience);

        for (var a = 0; a < Appenders; a++)
        {
            var events = await store.ReadAsync("p" + a, 1, long.MaxValue);
            Assert.Equal(Enumerable.Range(1, Each).Select(static i => (long)i), events.Select(static e => e.SequenceNr));
            Assert.Equal(Enumerable.Range(1, Each).Select(static i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), events.Select(static e => ((TestEvent)e.Payload).Text));
            Assert.True(events.Zip(events.Skip(1)).All(static p => p.First.Ordering < p.Second.Ordering), "ordering follows sequence numbers");
        }
    }

    [Fact]
    public async Task Reopen_AfterDispose_DataSurvives()
    {
        var first = Open();
        await first.AppendAsync(Write("a", 1, "one", "two"));
        await first.SaveSnapshotAsync("a", 2, new TestSnapshot(2, "two"));
        _ = first.AppendAsync(Write("a", 3, "queued, not awaited"));
        await first.DisposeAsync();

        var second = Open();
        Assert.Equal(["one", "two", "queued, not awaited"], (await second.ReadAsync("a", 1, long.MaxValue)).Select(static e => ((TestEvent)e.Payload).Text));
        Assert.Equal(new TestSnapshot(2, "two"), (await second.LoadSnapshotAsync("a"))!.State);
        Assert.Equal(AppendStatus.Stored, (await second.AppendAsync(Write("a", 4, "four"))).Status);
        Assert.Throws<ObjectDisposedException>(() => { _ = first.AppendAsync(Write("a", 5, "late")); });
    }

    [Fact]
    public async Task Read_TornPayload_ThrowsCorruptionNamingTheEvent()
    {
        var store = Open();
        await store.AppendAsync(Write("a", 1, "one", "two", "three"));
        await Target.ExecuteSqlAsync(
            "UPDATE journal SET payload = " + TornPayloadSql + " WHERE persistence_id = 'a' AND sequence_nr = 2");

        var ex = await Assert.ThrowsAsync<JournalCorruptionException>(() => store.ReadAsync("a", 1, long.MaxValue));
        Assert.Equal("a", ex.PersistenceId);
        Assert.Equal(2, ex.SequenceNr);
        Assert.Contains("event 2 of 'a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("test.Event", ex.Message, StringComparison.Ordinal);
        // The rest stays readable around it.
        Assert.Single(await store.ReadAsync("a", 1, 1));
        Assert.Single(await store.ReadAsync("a", 3, long.MaxValue));
    }

    [Fact]
    public async Task LoadSnapshot_LatestTorn_FallsBackToOlder()
    {
        var store = Open();
        await store.SaveSnapshotAsync("a", 1, new TestSnapshot(1, "old"));
        await store.SaveSnapshotAsync("a", 2, new TestSnapshot(2, "new"));
        await Target.ExecuteSqlAsync("UPDATE snapshot SET manifest = 'no.such.Type' WHERE persistence_id = 'a' AND sequence_nr = 2");

        var loaded = await store.LoadSnapshotAsync("a");

        Assert.Equal(1, loaded!.SequenceNr);
        Assert.Equal(new TestSnapshot(1, "old"), loaded.State);
    }

    /// <summary>An SQL expression of torn JSON bytes ('{"text":"tw' cut short), in the dialect's blob syntax.</summary>
    protected abstract string TornPayloadSql { get; }

    private protected SqlJournalStore Open()
    {
        var serializer = new PayloadSerializer();
        serializer.Register<TestEvent>("test.Event");
        serializer.Register<TestSnapshot>("test.Snapshot");
        var store = SqlJournalStore.Create(Target.Options(), serializer, TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    private protected static AtomicWrite Write(string pid, long first, params string[] texts) =>
        new(pid, first, texts.Select(static t => (object)new TestEvent(t)).ToList());
}
