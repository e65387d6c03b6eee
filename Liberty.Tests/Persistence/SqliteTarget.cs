using Liberty.Node.Persistence;
using Microsoft.Data.Sqlite;

namespace Liberty.Tests.Persistence;

/// <summary>A SQLite file in a fresh temp folder, removed at the end.</summary>
public sealed class SqliteTarget : StoreTarget
{
    public SqliteTarget()
    {
        Folder = Path.Combine(Path.GetTempPath(), "liberty-journal-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string FilePath => Path.Combine(Folder, PersistenceOptions.DefaultSqliteFileName);

    public override PersistenceOptions Options(int snapshotEvery = PersistenceOptions.DefaultSnapshotEvery) =>
        new() { Provider = PersistenceProvider.Sqlite, DataFolder = Folder, SnapshotEvery = snapshotEvery };

    public override async Task<long> ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string FalseLiteral => "0";

    public override string BlobLiteral(byte[] bytes) => "X'" + Convert.ToHexString(bytes) + "'";

    public override string LegacySchemaSql =>
        """
        CREATE TABLE journal (
            ordering INTEGER PRIMARY KEY AUTOINCREMENT,
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            created INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            tags TEXT NULL,
            UNIQUE (persistence_id, sequence_nr));
        CREATE TABLE snapshot (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            created INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr));
        CREATE TABLE metadata (
            persistence_id TEXT NOT NULL PRIMARY KEY,
            sequence_nr INTEGER NOT NULL);
        """;

    public override ValueTask DisposeAsync()
    {
        // Pooled connections (the store's and ours) keep the file open; release them before the folder goes.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
