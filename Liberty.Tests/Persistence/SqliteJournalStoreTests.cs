namespace Liberty.Tests.Persistence;

/// <summary>The journal contract on a SQLite file in a temp folder.</summary>
public sealed class SqliteJournalStoreTests : JournalStoreContract
{
    protected override string TornPayloadSql => "X'7B2274657874223A227477'";

    protected override Task<StoreTarget> CreateTargetAsync() => Task.FromResult<StoreTarget>(new SqliteTarget());
}
