namespace Liberty.Tests.Persistence;

/// <summary>The journal contract on a database of a real PostgreSQL server started for the run.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgreSqlJournalStoreTests(PostgresServer server) : JournalStoreContract
{
    protected override string TornPayloadSql => "'\\x7B2274657874223A227477'::bytea";

    protected override async Task<StoreTarget> CreateTargetAsync() => await PostgresTarget.CreateAsync(server);
}
