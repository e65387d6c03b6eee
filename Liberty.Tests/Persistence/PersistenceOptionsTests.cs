using System.Net;
using System.Net.Sockets;
using Liberty.Node.Hosting;
using Liberty.Node.Persistence;

namespace Liberty.Tests.Persistence;

/// <summary><see cref="PersistenceOptions"/> validation, and how a database that cannot be opened is reported.</summary>
public sealed class PersistenceOptionsTests
{
    [Theory]
    [InlineData(PersistenceProvider.Sqlite, null, null, "DataFolder")]
    [InlineData(PersistenceProvider.PostgreSql, "/tmp", null, "ConnectionString")]
    public void Validate_MissingWhere_NamesTheSetting(PersistenceProvider provider, string? folder, string? connectionString, string setting)
    {
        var options = new PersistenceOptions { Provider = provider, DataFolder = folder, ConnectionString = connectionString };
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OutOfRangeValues_NameTheSetting()
    {
        Assert.Contains("MaxBatch", Assert.Throws<ArgumentException>(new PersistenceOptions { DataFolder = "/tmp", MaxBatch = 0 }.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("BusyTimeout", Assert.Throws<ArgumentException>(new PersistenceOptions { DataFolder = "/tmp", BusyTimeout = TimeSpan.Zero }.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("PersistenceIdPrefix", Assert.Throws<ArgumentException>(new PersistenceOptions { DataFolder = "/tmp", PersistenceIdPrefix = "a/b" }.Validate).Message, StringComparison.Ordinal);
        Assert.Contains("SqliteFileName", Assert.Throws<ArgumentException>(new PersistenceOptions { DataFolder = "/tmp", SqliteFileName = "a/b.db" }.Validate).Message, StringComparison.Ordinal);
        new PersistenceOptions { DataFolder = "/tmp" }.Validate();
    }

    [Fact]
    public async Task LoadAsync_PostgreSqlNotListening_ReportsWhichDatabaseAndWhy()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var options = new PersistenceOptions
        {
            Provider = PersistenceProvider.PostgreSql,
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=nobody;Password=secret;Database=nodes;Timeout=5",
        };
        var host = PersistenceHost.Start(options);
        await using (host)
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(host.Store.LoadAsync).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains($"PostgreSQL 127.0.0.1:{port}, database nodes", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Start_DataFolderIsAFile_ThrowsNamingTheFolder()
    {
        var file = Path.GetTempFileName();
        try
        {
            var options = new PersistenceOptions { DataFolder = Path.Combine(file, "sub") };
            var ex = Assert.Throws<ArgumentException>(() => PersistenceHost.Start(options));
            Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Start_MalformedConnectionString_ThrowsNamingTheSetting()
    {
        var options = new PersistenceOptions { Provider = PersistenceProvider.PostgreSql, ConnectionString = "Host=x;NoSuchKeyword=1" };
        var ex = Assert.Throws<ArgumentException>(() => PersistenceHost.Start(options));
        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
    }
}
