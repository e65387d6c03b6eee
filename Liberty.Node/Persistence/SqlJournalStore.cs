using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liberty.Node.Persistence;

/// <summary>
/// The journal and snapshot store over ADO.NET, shared by <see cref="SqliteJournalStore"/> and
/// <see cref="PostgreSqlJournalStore"/>: the same tables and statements, the dialects differ only in
/// their schema script, how a connection is opened and how a unique violation is recognised.
/// </summary>
/// <remarks>
/// <para><b>One writer.</b> Every write (append, delete, snapshot save/delete) is queued and executed
/// by one writer loop on one connection. The loop takes whatever is queued (up to
/// <see cref="PersistenceOptions.MaxBatch"/>) into one transaction, each write inside its own savepoint
/// so that a conflict undoes only that write, commits once, and only then completes the callers'
/// tasks. Concurrent appenders thereby share one commit (one fsync) instead of queueing for one each.</para>
/// <para><b>Queue bound.</b> The queue is unbounded: it holds only writes that callers have issued and not
/// yet seen acknowledged, so its length is bounded by the callers' own outstanding writes (the node
/// awaits its writes, or issues them from one cooperative thread that cannot outrun the disk for long).</para>
/// <para><b>Reads</b> use their own short-lived connections and see committed writes only.</para>
/// <para><b>Thread:</b> any thread. <b>Cancellation:</b> see <see cref="IJournal"/>.
/// <b>Ordering:</b> writes execute in the order they were queued (the order of the calls).</para>
/// </remarks>
internal abstract partial class SqlJournalStore : IJournal, ISnapshotStore, IAsyncDisposable
{
    private const string HighestSql =
        "SELECT MAX(m) FROM (SELECT MAX(sequence_nr) AS m FROM journal WHERE persistence_id = @pid " +
        "UNION ALL SELECT sequence_nr AS m FROM metadata WHERE persistence_id = @pid) t";

    private const string InsertEventSql =
        "INSERT INTO journal (persistence_id, sequence_nr, created, manifest, payload, tags) " +
        "VALUES (@pid, @seq, @created, @manifest, @payload, @tags)";

    private const string ReadSql =
        "SELECT ordering, persistence_id, sequence_nr, created, manifest, payload, tags FROM journal " +
        "WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to ORDER BY sequence_nr LIMIT @max";

    private const string DeleteEventsSql = "DELETE FROM journal WHERE persistence_id = @pid AND sequence_nr <= @seq";

    private const string RememberHighestSql =
        "INSERT INTO metadata (persistence_id, sequence_nr) VALUES (@pid, @seq) " +
        "ON CONFLICT (persistence_id) DO UPDATE SET sequence_nr = excluded.sequence_nr WHERE metadata.sequence_nr < excluded.sequence_nr";

    private const string SaveSnapshotSql =
        "INSERT INTO snapshot (persistence_id, sequence_nr, created, manifest, payload) VALUES (@pid, @seq, @created, @manifest, @payload) " +
        "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET created = excluded.created, manifest = excluded.manifest, payload = excluded.payload";

    private const string LoadSnapshotsSql =
        "SELECT sequence_nr, created, manifest, payload FROM snapshot WHERE persistence_id = @pid AND sequence_nr <= @max ORDER BY sequence_nr DESC";

    private const string DeleteSnapshotsSql = "DELETE FROM snapshot WHERE persistence_id = @pid AND sequence_nr <= @seq";

    // Written by callers (TryWrite), read by the writer loop only.
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly int _maxBatch;
    private readonly Task _writer;

    // Writer loop only: its connection, and the highest stored sequence number per entity it has seen
    // (cleared when a batch fails, because then the database holds less than the cache says).
    private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);
    private DbConnection? _writeConnection;

    // Set once under _schemaLock; read without it afterwards (volatile publication).
    private volatile bool _schemaReady;
    private int _disposed;

    /// <summary>Starts the store (the schema is created at first use).</summary>
    /// <param name="serializer">Payload serializer with every stored type registered.</param>
    /// <param name="options">Validated options (<see cref="PersistenceOptions.MaxBatch"/> is used).</param>
    /// <param name="time">The clock for the <c>created</c> columns.</param>
    /// <param name="logger">Where failures are logged.</param>
    protected SqlJournalStore(PayloadSerializer serializer, PersistenceOptions options, TimeProvider time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Serializer = serializer;
        Time = time;
        Logger = logger ?? NullLogger.Instance;
        _maxBatch = options.MaxBatch;
        _writer = Task.Run(WriterLoopAsync);
    }

    /// <summary>The payload serializer.</summary>
    public PayloadSerializer Serializer { get; }

    /// <summary>The clock of the <c>created</c> columns.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Creates the store the options ask for.</summary>
    /// <param name="options">The options (validated here).</param>
    /// <param name="serializer">Payload serializer with every stored type registered.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where failures are logged; null for none.</param>
    /// <returns>The store; dispose it to flush and close.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static SqlJournalStore Create(PersistenceOptions options, PayloadSerializer serializer, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Provider == PersistenceProvider.Sqlite
            ? new SqliteJournalStore(options.SqlitePath, serializer, options, time, logger)
            : new PostgreSqlJournalStore(options.ConnectionString!, serializer, options, time, logger);
    }

    /// <summary>The dialect's <c>CREATE TABLE IF NOT EXISTS</c> script for journal, snapshot and metadata.</summary>
    protected abstract string SchemaSql { get; }

    /// <summary>Opens a connection, with the dialect's session settings applied.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection; the caller disposes it.</returns>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Where the journal is, for messages: the SQLite file, or PostgreSQL host, port and database (never the password).</summary>
    public abstract string Location { get; }

    /// <summary>Whether <paramref name="exception"/> is a unique-key violation.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for a unique violation.</returns>
    protected abstract bool IsUniqueViolation(DbException exception);

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(AtomicWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentException.ThrowIfNullOrEmpty(write.PersistenceId);
        if (write.Events.Count == 0)
        {
            throw new ArgumentException("An atomic write needs at least one event.", nameof(write));
        }
        if (write.FirstSequenceNr < 1)
        {
            throw new ArgumentException($"Sequence numbers start at 1 (got {write.FirstSequenceNr}).", nameof(write));
        }
        var rows = new (string Manifest, byte[] Payload)[write.Events.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Serializer.Serialize(write.Events[i]);
        }
        return Enqueue<AppendResult>(write.PersistenceId, (connection, transaction) => AppendCoreAsync(connection, transaction, write, rows));
    }

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return Enqueue<bool>(persistenceId, async (connection, transaction) =>
        {
            var highest = await HighestAsync(connection, transaction, persistenceId).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, DeleteEventsSql, ("pid", persistenceId), ("seq", toSequenceNr)).ConfigureAwait(false);
            if (highest > 0)
            {
                await ExecuteAsync(connection, transaction, RememberHighestSql, ("pid", persistenceId), ("seq", highest)).ConfigureAwait(false);
            }
            return true;
        });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<JournalEntry>();
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            return result;
        }
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, null, ReadSql, ("pid", persistenceId), ("from", fromSequenceNr), ("to", toSequenceNr), ("max", max));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var sequenceNr = reader.GetInt64(2);
                    var manifest = reader.GetString(4);
                    var payload = (byte[])reader.GetValue(5);
                    if (!Serializer.TryDeserialize(manifest, payload, out var value, out var error))
                    {
                        throw new JournalCorruptionException(persistenceId, sequenceNr, manifest, error);
                    }
                    result.Add(new JournalEntry(
                        reader.GetInt64(0),
                        persistenceId,
                        sequenceNr,
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                        manifest,
                        value,
                        reader.IsDBNull(6) ? null : reader.GetString(6)));
                }
            }
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await HighestAsync(connection, null, persistenceId).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task SaveSnapshotAsync(string persistenceId, long sequenceNr, object state)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(state);
        var (manifest, payload) = Serializer.Serialize(state);
        return Enqueue<bool>(persistenceId, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, SaveSnapshotSql,
                ("pid", persistenceId), ("seq", sequenceNr), ("created", Now()), ("manifest", manifest), ("payload", payload)).ConfigureAwait(false);
            return true;
        });
    }

    /// <inheritdoc />
    public async Task<SelectedSnapshot?> LoadSnapshotAsync(string persistenceId, long maxSequenceNr = long.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, null, LoadSnapshotsSql, ("pid", persistenceId), ("max", maxSequenceNr));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var sequenceNr = reader.GetInt64(0);
                    var manifest = reader.GetString(2);
                    if (Serializer.TryDeserialize(manifest, (byte[])reader.GetValue(3), out var state, out var error))
                    {
                        return new SelectedSnapshot(persistenceId, sequenceNr, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), state);
                    }
                    Logger.SnapshotUnreadable(persistenceId, sequenceNr, manifest, error);
                }
            }
        }
        return null;
    }

    /// <inheritdoc />
    public Task DeleteSnapshotsToAsync(string persistenceId, long maxSequenceNr)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        return Enqueue<bool>(persistenceId, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, DeleteSnapshotsSql, ("pid", persistenceId), ("seq", maxSequenceNr)).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>Stops taking writes, lets the queued ones finish, and closes the writer's connection.</summary>
    /// <returns>Completes when everything queued before is stored (or failed).</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        if (_writeConnection is not null)
        {
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
            _writeConnection = null;
        }
        await ReleaseDialectAsync().ConfigureAwait(false);
        _schemaLock.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Called after the writer dropped a failed connection (PostgreSQL: clear the pool, whose idle connections may be dead too).</summary>
    protected virtual void OnWriteConnectionDropped()
    {
    }

    /// <summary>Releases the dialect's resources (after the writer stopped).</summary>
    /// <returns>Completes when released.</returns>
    protected virtual ValueTask ReleaseDialectAsync() => ValueTask.CompletedTask;

    /// <summary>Creates the tables once per store (idempotent in the database as well).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when the schema exists.</returns>
    protected async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, null, SchemaSql).ConfigureAwait(false);
            }
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    /// <summary>Opens a connection; a database that cannot be reached or opened is reported with <see cref="Location"/>.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection.</returns>
    /// <exception cref="InvalidOperationException">The database cannot be opened; the message says which and why.</exception>
    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"Cannot open the journal ({Location}): {ex.Message}", ex);
        }
    }

    private long Now() => Time.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<T> Enqueue<T>(string persistenceId, Func<DbConnection, DbTransaction, Task<T>> work)
    {
        var request = new WriteRequest<T>(persistenceId, work);
        if (Volatile.Read(ref _disposed) != 0 || !_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(GetType().Name, "The journal is disposed.");
        }
        return request.Task;
    }

    private async Task<AppendResult> AppendCoreAsync(DbConnection connection, DbTransaction transaction, AtomicWrite write, (string Manifest, byte[] Payload)[] rows)
    {
        var highest = await HighestAsync(connection, transaction, write.PersistenceId).ConfigureAwait(false);
        if (write.FirstSequenceNr != highest + 1)
        {
            return new AppendResult(AppendStatus.Conflict, highest);
        }
        var created = Now();
        using var command = Command(connection, transaction, InsertEventSql,
            ("pid", write.PersistenceId), ("seq", 0L), ("created", created), ("manifest", string.Empty), ("payload", Array.Empty<byte>()), ("tags", write.Tags));
        for (var i = 0; i < rows.Length; i++)
        {
            command.Parameters[1].Value = write.FirstSequenceNr + i;
            command.Parameters[3].Value = rows[i].Manifest;
            command.Parameters[4].Value = rows[i].Payload;
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        _highest[write.PersistenceId] = write.LastSequenceNr;
        return new AppendResult(AppendStatus.Stored, write.LastSequenceNr);
    }

    private async Task<long> HighestAsync(DbConnection connection, DbTransaction? transaction, string persistenceId)
    {
        if (transaction is not null && _highest.TryGetValue(persistenceId, out var cached))
        {
            return cached;
        }
        using var command = Command(connection, transaction, HighestSql, ("pid", persistenceId));
        var value = await command.ExecuteScalarAsync().ConfigureAwait(false);
        var highest = value is null or DBNull ? 0L : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        if (transaction is not null)
        {
            _highest[persistenceId] = highest;
        }
        return highest;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is one of this class's constants or the dialect's schema script; values go in parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
