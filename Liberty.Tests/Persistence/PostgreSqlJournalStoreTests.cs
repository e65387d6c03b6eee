using Liberty.Node.Persistence;

namespace Liberty.Tests.Persistence;

/// <summary>The journal contract on a database of a real PostgreSQL server started for the run, plus what only a server can do.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgreSqlJournalStoreTests(PostgresFixture postgres) : JournalStoreContract
{
    protected override string TornPayloadSql => "'\\x7B2274657874223A227477'::bytea";

    [Fact]
    public async Task Append_ServerDroppedTheWritersConnection_IsRetriedOnAFreshOne()
    {
        var store = Open();
        Assert.True((await store.AppendAsync(Write("a", 1, "before"))).IsStored);

        var dropped = await Target.ExecuteSqlAsync(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
            "WHERE datname = current_database() AND pid <> pg_backend_pid()) t");

        Assert.True(dropped >= 1, "the writer's connection should have been there to drop");
        Assert.Equal(new AppendResult(AppendStatus.Stored, 2), await store.AppendAsync(Write("a", 2, "after")));
        Assert.Equal(["before", "after"], (await store.ReadAsync("a", 1, long.MaxValue)).Select(static e => ((TestEvent)e.Payload).Text));
    }

    protected override async Task<StoreTarget> CreateTargetAsync() => await PostgresTarget.CreateAsync(postgres.Server);
}
