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

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
