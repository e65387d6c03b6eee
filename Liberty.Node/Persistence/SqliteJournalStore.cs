using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Liberty.Node.Persistence;

/// <summary>
/// The journal in a SQLite file: WAL, <c>synchronous=FULL</c>, a busy timeout; one writer connection
/// (the writer loop) and short-lived reader connections.
/// </summary>
/// <remarks>
/// <para><c>synchronous=FULL</c> rather than NORMAL: in WAL mode NORMAL survives a process crash but may
/// lose the last commits on power loss, and gateways lose power. FULL syncs the WAL at every commit;
/// the writer's batching keeps that to one sync per batch of concurrent writes.</para>
/// <para>One node per file: a second process writing the same file is not supported (the host's lock file prevents it).</para>
/// <para><b>Thread / Cancellation / Ordering:</b> as <see cref="SqlJournalStore"/>.</para>
/// </remarks>
internal sealed class SqliteJournalStore : SqlJournalStore
{
    private static readonly Lazy<bool> Initialized = new(static () =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;

    /// <summary>Opens (creating if missing) the journal in <paramref name="path"/>.</summary>
    /// <param name="path">The database file; its folder is created if missing.</param>
    /// <param name="serializer">Payload serializer with every stored type registered.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where failures are logged; null for none.</param>
    public SqliteJournalStore(string path, PayloadSerializer serializer, PersistenceOptions options, TimeProvider time, ILogger? logger = null)
        : base(serializer, Prepared(path, options), time, logger)
    {
        Path = System.IO.Path.GetFullPath(path);
        _busyTimeoutMilliseconds = (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // No pool: connections close their file handles when disposed, so a disposed store leaves
            // nothing open (tests delete the file; a reopened store starts clean).
            Pooling = false,
            DefaultTimeout = Math.Max(1, _busyTimeoutMilliseconds / 1000),
        }.ToString();
    }

    // Runs before the base constructor starts the writer, so that a bad path leaves nothing running.
    private static PersistenceOptions Prepared(string path, PersistenceOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _ = Initialized.Value;
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"Persistence: cannot create the journal's folder '{folder}': {ex.Message}", nameof(path), ex);
            }
        }
        return options;
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Location => "SQLite file " + Path;

    /// <inheritdoc />
    protected override string SchemaSql =>
        """
        CREATE TABLE IF NOT EXISTS journal (
            ordering INTEGER PRIMARY KEY AUTOINCREMENT,
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            created INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            tags TEXT NULL,
            UNIQUE (persistence_id, sequence_nr));
        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            created INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr));
        CREATE TABLE IF NOT EXISTS metadata (
            persistence_id TEXT NOT NULL PRIMARY KEY,
            sequence_nr INTEGER NOT NULL);
        """;

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 }; // SQLITE_CONSTRAINT
}
