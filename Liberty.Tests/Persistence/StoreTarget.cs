using Liberty.Node.Persistence;

namespace Liberty.Tests.Persistence;

/// <summary>Where a contract test's store lives: one fresh SQLite file or PostgreSQL database per test, reopenable.</summary>
public abstract class StoreTarget : IAsyncDisposable
{
    /// <summary>Options pointing at this test's database (same database every call, so a store can be reopened).</summary>
    public abstract PersistenceOptions Options(int snapshotEvery = PersistenceOptions.DefaultSnapshotEvery);

    /// <summary>Runs raw SQL against the database (to corrupt rows, or to write behind the store's back); returns the first column of the first row, or 0.</summary>
    public abstract Task<long> ExecuteSqlAsync(string sql);

    /// <summary>The dialect's literal for false (the journal's <c>deleted</c> column).</summary>
    public abstract string FalseLiteral { get; }

    /// <summary>The previous version's schema (tables <c>journal</c>, <c>snapshot</c>, <c>metadata</c>), as it created them.</summary>
    public abstract string LegacySchemaSql { get; }

    /// <summary>A blob literal of <paramref name="bytes"/> in the dialect.</summary>
    public abstract string BlobLiteral(byte[] bytes);

    public abstract ValueTask DisposeAsync();
}
