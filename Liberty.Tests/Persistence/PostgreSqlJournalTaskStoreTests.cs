namespace Liberty.Tests.Persistence;

/// <summary><see cref="Liberty.Node.Persistence.JournalTaskStore"/> on a real PostgreSQL.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgreSqlJournalTaskStoreTests(PostgresFixture postgres) : JournalTaskStoreContract
{
    protected override async Task<StoreTarget> CreateTargetAsync() => await PostgresTarget.CreateAsync(postgres.Server);
}
