using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Liberty.Tests.Persistence;

/// <summary>
/// A real PostgreSQL server for a test run: <c>initdb</c> into a temp folder, <c>postgres</c> on
/// 127.0.0.1 and a free port (socket in the temp folder), ready when it says so; stopped and removed on dispose.
/// Binaries: <c>LIBERTY_PG_BIN</c> (scripts/test exports it), else the newest /usr/lib/postgresql/*/bin.
/// As root (which postgres refuses), every server command runs as the <c>postgres</c> OS user through <c>setpriv</c>.
/// Used by the tests (through <c>PostgresFixture</c>) and, linked, by Liberty.Benchmarks.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable, IDisposable
{
    private const string User = "liberty";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _bin = string.Empty;
    private string _root = string.Empty;
    private Process? _server;
    private int _databases;

    public int Port { get; private set; }

    /// <summary>The server's log so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private PostgresServer()
    {
    }

    /// <summary>Starts a server; dispose it to stop it and remove its folder.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var server = new PostgresServer();
        try
        {
            await server.StartCoreAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync()
    {
        _bin = FindBin();
        _root = Path.Combine(Path.GetTempPath(), "liberty-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["postgres:postgres", _root], asPostgres: false);
        }
        var data = Path.Combine(_root, "data");
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], asPostgres: true);
        Port = FreePort();
        var (file, args) = Command(Path.Combine(_bin, "postgres"),
            ["-D", data, "-k", _root, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=60", "-c", "shared_buffers=16MB"],
            asPostgres: true);
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        _server = new Process { StartInfo = start, EnableRaisingEvents = true };
        _server.OutputDataReceived += (_, e) => OnLine(e.Data);
        _server.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _server.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"postgres exited early:\n{Log}"));
        _server.Start();
        _server.BeginErrorReadLine();
        _server.BeginOutputReadLine();
        try
        {
            await _ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"postgres did not say it is ready within {StartTimeout.TotalSeconds} s:\n{Log}");
        }
    }

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "db" + Interlocked.Increment(ref _databases).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Maximum Pool Size=20;Timeout=30";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            if (!_server.HasExited && !string.IsNullOrEmpty(_root))
            {
                try
                {
                    await RunAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", Path.Combine(_root, "data"), "-m", "immediate", "-w"], asPostgres: true);
                }
                catch (InvalidOperationException)
                {
                    _server.Kill(entireProcessTree: true);
                }
                await _server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            _server.Dispose();
            _server = null;
        }
        if (!string.IsNullOrEmpty(_root) && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Last resort when <see cref="DisposeAsync"/> did not run: kill the server.</summary>
    public void Dispose()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
        }
        _server?.Dispose();
        _server = null;
    }

    private static string FindBin()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LIBERTY_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "initdb")))
        {
            return fromEnv;
        }
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(static d => Path.Combine(d, "bin"))
                .Where(static d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(static d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found (LIBERTY_PG_BIN is unset and /usr/lib/postgresql/*/bin has no initdb). " +
            "Run the tests with scripts/test, which installs postgresql and exports LIBERTY_PG_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (string File, IReadOnlyList<string> Args) Command(string file, IReadOnlyList<string> args, bool asPostgres) =>
        asPostgres && Environment.IsPrivilegedProcess
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", file, .. args])
            : (file, args);

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres)
    {
        var (command, arguments) = Command(file, args, asPostgres);
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
        if (line.Contains("ready to accept connections", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
