using Liberty.Node.Persistence;
using Npgsql;

namespace Liberty.Tests.Persistence;

/// <summary>A fresh database on the shared <see cref="PostgresServer"/>.</summary>
public sealed class PostgresTarget(string connectionString) : StoreTarget
{
    public static async Task<PostgresTarget> CreateAsync(PostgresServer server) => new(await server.CreateDatabaseAsync());

    public override PersistenceOptions Options(int snapshotEvery = PersistenceOptions.DefaultSnapshotEvery) =>
        new() { Provider = PersistenceProvider.PostgreSql, ConnectionString = connectionString, SnapshotEvery = snapshotEvery };

    public override async Task<long> ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string FalseLiteral => "false";

    public override string BlobLiteral(byte[] bytes) => "'\\x" + Convert.ToHexString(bytes) + "'::bytea";

    public override string LegacySchemaSql =>
        """
        CREATE TABLE journal (
            ordering BIGSERIAL PRIMARY KEY,
            persistence_id VARCHAR(255) NOT NULL,
            sequence_nr BIGINT NOT NULL,
            created BIGINT NOT NULL,
            manifest VARCHAR(500) NOT NULL,
            payload BYTEA NOT NULL,
            tags VARCHAR(100) NULL,
            CONSTRAINT journal_persistence_id_sequence_nr_key UNIQUE (persistence_id, sequence_nr));
        CREATE TABLE snapshot (
            persistence_id VARCHAR(255) NOT NULL,
            sequence_nr BIGINT NOT NULL,
            created BIGINT NOT NULL,
            manifest VARCHAR(500) NOT NULL,
            payload BYTEA NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr));
        CREATE TABLE metadata (
            persistence_id VARCHAR(255) NOT NULL PRIMARY KEY,
            sequence_nr BIGINT NOT NULL);
        """;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
