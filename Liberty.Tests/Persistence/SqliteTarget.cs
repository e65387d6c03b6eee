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

    public override ValueTask DisposeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        return ValueTask.CompletedTask;
    }
}
