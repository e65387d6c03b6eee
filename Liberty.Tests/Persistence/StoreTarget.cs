using Liberty.Node.Persistence;

namespace Liberty.Tests.Persistence;

/// <summary>Where a contract test's store lives: one fresh SQLite file or PostgreSQL database per test, reopenable.</summary>
public abstract class StoreTarget : IAsyncDisposable
{
    /// <summary>Options pointing at this test's database (same database every call, so a store can be reopened).</summary>
    public abstract PersistenceOptions Options(int snapshotEvery = PersistenceOptions.DefaultSnapshotEvery);

    /// <summary>Runs raw SQL against the database (to corrupt rows, or to write behind the store's back).</summary>
    public abstract Task<long> ExecuteSqlAsync(string sql);

    public abstract ValueTask DisposeAsync();
}
