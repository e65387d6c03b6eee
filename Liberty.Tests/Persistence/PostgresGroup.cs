namespace Liberty.Tests.Persistence;

/// <summary>The test classes that share one <see cref="PostgresServer"/> (each test makes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
