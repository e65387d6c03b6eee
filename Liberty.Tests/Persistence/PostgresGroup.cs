namespace Liberty.Tests.Persistence;

/// <summary>The test classes that share one <see cref="PostgresServer"/> (through <see cref="PostgresFixture"/>) (each test makes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
