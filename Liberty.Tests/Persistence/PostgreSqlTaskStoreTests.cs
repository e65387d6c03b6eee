namespace Liberty.Tests.Persistence;

/// <summary><see cref="Liberty.Node.Persistence.AkkaTaskStore"/> on a real PostgreSQL.</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgreSqlTaskStoreTests(PostgresFixture postgres) : TaskStoreContract
{
    protected override async Task<StoreTarget> CreateTargetAsync() => await PostgresTarget.CreateAsync(postgres.Server);
}
