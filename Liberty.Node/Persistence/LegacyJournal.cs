using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liberty.Node.Persistence;

/// <summary>
/// Reads the journal of the node's previous version (before Akka.Persistence): its tables <c>journal</c>
/// (<c>persistence_id</c>, <c>sequence_nr</c>, <c>manifest</c>, <c>payload</c>) and <c>snapshot</c> (same columns) in the
/// same SQLite file or PostgreSQL database, with plain SQL. An entity's state there is its latest readable snapshot
/// plus every later event, exactly as that version recovered it; <see cref="AkkaTaskStore"/> imports it once, as
/// the first event of an entity that has nothing in the new journal yet.
/// </summary>
/// <remarks>
/// <para>The payloads are read by <see cref="PersistenceSerializer"/>, whose manifests and JSON are the old ones.
/// Unreadable events are skipped and logged as the previous version did; an unreadable snapshot falls back to the
/// one before it. The old tables are only read, never changed.</para>
/// <para><b>Thread:</b> any thread. <b>Cancellation:</b> none (a start-up read). <b>Ordering:</b> n/a.</para>
/// </remarks>
internal static class LegacyJournal
{
    private const string SnapshotsSql = "SELECT sequence_nr, manifest, payload FROM snapshot WHERE persistence_id = @pid ORDER BY sequence_nr DESC";
    private const string EventsSql = "SELECT sequence_nr, manifest, payload FROM journal WHERE persistence_id = @pid AND sequence_nr > @from ORDER BY sequence_nr";

    /// <summary>Reads the previous version's state of <paramref name="persistenceId"/>.</summary>
    /// <typeparam name="TState">The entity's state.</typeparam>
    /// <param name="options">The node's persistence options (the same database).</param>
    /// <param name="persistenceId">The entity.</param>
    /// <param name="empty">The state before the first event.</param>
    /// <param name="logger">Where unreadable rows are logged.</param>
    /// <returns>The state, the snapshot it started from and the events applied; null when the old tables do not exist or hold nothing of it.</returns>
    /// <exception cref="InvalidOperationException">The database cannot be read; the message says which and why.</exception>
    public static async Task<LegacyState<TState>?> ReadAsync<TState>(PersistenceOptions options, string persistenceId, TState empty, ILogger logger)
        where TState : class, IEventSourced<TState>
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var connection = await OpenAsync(options).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                if (!await HasOldTablesAsync(connection, options.Provider).ConfigureAwait(false))
                {
                    return null;
                }
                var state = empty;
                var snapshotSequenceNr = 0L;
                var found = false;
                foreach (var (sequenceNr, manifest, payload) in await RowsAsync(connection, SnapshotsSql, persistenceId, 0).ConfigureAwait(false))
                {
                    if (PersistenceSerializer.Deserialize(manifest, payload) is TState snapshot)
                    {
                        (state, snapshotSequenceNr, found) = (snapshot, sequenceNr, true);
                        break;
                    }
                    logger.LegacySnapshotUnreadable(persistenceId, sequenceNr, $"manifest '{manifest}' does not read as {typeof(TState).Name}");
                }
                var events = 0;
                foreach (var (sequenceNr, manifest, payload) in await RowsAsync(connection, EventsSql, persistenceId, snapshotSequenceNr).ConfigureAwait(false))
                {
                    var @event = PersistenceSerializer.Deserialize(manifest, payload);
                    if (@event is UnreadablePayload unreadable)
                    {
                        logger.EventSkipped(persistenceId, sequenceNr, unreadable.Manifest, unreadable.Reason);
                        continue;
                    }
                    state = state.Apply(@event);
                    events++;
                    found = true;
                }
                return found ? new LegacyState<TState>(state, snapshotSequenceNr, events) : null;
            }
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"Cannot read the previous version's journal ({options.DescribeLocation()}) to import it: {ex.Message}", ex);
        }
    }

    private static async Task<DbConnection> OpenAsync(PersistenceOptions options)
    {
        DbConnection connection = options.Provider == PersistenceProvider.Sqlite
            ? new SqliteConnection(PersistenceHocon.SqliteConnectionString(options))
            : new NpgsqlConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync().ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<bool> HasOldTablesAsync(DbConnection connection, PersistenceProvider provider)
    {
        // The old shape exactly: a table named journal or snapshot with other columns is not the previous version's.
        var sql = provider == PersistenceProvider.Sqlite
            ? "SELECT (SELECT COUNT(*) FROM pragma_table_info('journal') WHERE name IN ('persistence_id', 'sequence_nr', 'manifest', 'payload'))"
              + " + (SELECT COUNT(*) FROM pragma_table_info('snapshot') WHERE name IN ('persistence_id', 'sequence_nr', 'manifest', 'payload'))"
            : "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name IN ('journal', 'snapshot')"
              + " AND column_name IN ('persistence_id', 'sequence_nr', 'manifest', 'payload')";
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var count = Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return count == 8;
    }

    private static async Task<List<(long SequenceNr, string Manifest, byte[] Payload)>> RowsAsync(DbConnection connection, string sql, string persistenceId, long from)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // One of this class's constants; values go in parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        Add(command, "pid", persistenceId);
        if (sql.Contains("@from", StringComparison.Ordinal))
        {
            Add(command, "from", from);
        }
        var rows = new List<(long, string, byte[])>();
        var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), (byte[])reader.GetValue(2)));
            }
        }
        return rows;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
