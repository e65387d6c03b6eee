using System.Data.Common;
using Npgsql;

namespace Liberty.Node.Persistence;

/// <summary>The journal in a PostgreSQL database (same schema; <c>bigserial</c> ordering, <c>bytea</c> payloads).</summary>
/// <remarks>
/// <para>Durability is the server's: a commit returns after the WAL is flushed (PostgreSQL's default
/// <c>synchronous_commit = on</c>). Several nodes may share a database as long as each writes its own
/// persistence ids; a clash is reported as a conflict by the unique key.</para>
/// <para><b>Thread / Cancellation / Ordering:</b> as <see cref="SqlJournalStore"/>.</para>
/// </remarks>
internal sealed class PostgreSqlJournalStore : SqlJournalStore
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Connects to the database of <paramref name="connectionString"/> (the tables are created at first use).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="serializer">Payload serializer with every stored type registered.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where failures are logged; null for none.</param>
    public PostgreSqlJournalStore(string connectionString, PayloadSerializer serializer, PersistenceOptions options, TimeProvider time, ILogger? logger = null)
        : base(serializer, Checked(connectionString, options), time, logger)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"PostgreSQL {parsed.Host}:{parsed.Port}, database {parsed.Database ?? parsed.Username}";
        _dataSource = NpgsqlDataSource.Create(parsed);
    }

    /// <inheritdoc />
    public override string Location { get; }

    // Runs before the base constructor starts the writer, so that a bad string leaves nothing running.
    private static PersistenceOptions Checked(string connectionString, PersistenceOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Persistence:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}", nameof(connectionString), ex);
        }
        return options;
    }

    /// <inheritdoc />
    protected override string SchemaSql =>
        """
        CREATE TABLE IF NOT EXISTS journal (
            ordering BIGSERIAL PRIMARY KEY,
            persistence_id VARCHAR(255) NOT NULL,
            sequence_nr BIGINT NOT NULL,
            created BIGINT NOT NULL,
            manifest VARCHAR(500) NOT NULL,
            payload BYTEA NOT NULL,
            tags VARCHAR(100) NULL,
            CONSTRAINT journal_persistence_id_sequence_nr_key UNIQUE (persistence_id, sequence_nr));
        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id VARCHAR(255) NOT NULL,
            sequence_nr BIGINT NOT NULL,
            created BIGINT NOT NULL,
            manifest VARCHAR(500) NOT NULL,
            payload BYTEA NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr));
        CREATE TABLE IF NOT EXISTS metadata (
            persistence_id VARCHAR(255) NOT NULL PRIMARY KEY,
            sequence_nr BIGINT NOT NULL);
        """;

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc />
    protected override void OnWriteConnectionDropped() => _dataSource.Clear();

    /// <inheritdoc />
    protected override ValueTask ReleaseDialectAsync() => _dataSource.DisposeAsync();
}
