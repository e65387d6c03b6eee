namespace Liberty.Tests.Persistence;

/// <summary><see cref="Liberty.Node.Persistence.JournalTaskStore"/> on a SQLite file.</summary>
public sealed class SqliteJournalTaskStoreTests : JournalTaskStoreContract
{
    protected override Task<StoreTarget> CreateTargetAsync() => Task.FromResult<StoreTarget>(new SqliteTarget());
}
