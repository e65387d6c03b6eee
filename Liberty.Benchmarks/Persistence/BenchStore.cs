using Liberty.Node.Persistence;
using Liberty.Tests.Persistence;

namespace Liberty.Benchmarks.Persistence;

/// <summary>Where a persistence benchmark's store lives: a temp SQLite folder, or a database on a PostgreSQL started for it.</summary>
public sealed class BenchStore : IAsyncDisposable
{
    private PostgresServer? _server;

    private BenchStore(PersistenceOptions options, string? folder, PostgresServer? server)
    {
        Options = options;
        Folder = folder;
        _server = server;
    }

    public PersistenceOptions Options { get; }

    public string? Folder { get; }

    public static async Task<BenchStore> CreateAsync(PersistenceProvider provider)
    {
        if (provider == PersistenceProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "liberty-bench-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(folder);
            return new BenchStore(new PersistenceOptions { DataFolder = folder }, folder, null);
        }
        var server = await PostgresServer.StartAsync();
        var options = new PersistenceOptions { Provider = PersistenceProvider.PostgreSql, ConnectionString = await server.CreateDatabaseAsync() };
        return new BenchStore(options, null, server);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
        if (Folder is not null && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
