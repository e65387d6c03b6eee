namespace Liberty.Node.Persistence;

/// <summary>Settings of the node's persistence (Persistence/README.md). Validate with <see cref="Validate"/> at start.</summary>
public sealed class PersistenceOptions
{
    /// <summary>Default <see cref="SqliteFileName"/>.</summary>
    public const string DefaultSqliteFileName = "journal.db";

    /// <summary>Default <see cref="SnapshotEvery"/>.</summary>
    public const int DefaultSnapshotEvery = 1_000;

    /// <summary>Default <see cref="MaxBatch"/>.</summary>
    public const int DefaultMaxBatch = 512;

    /// <summary>Default <see cref="PersistenceIdPrefix"/>.</summary>
    public const string DefaultPersistenceIdPrefix = "node";

    /// <summary>Default <see cref="BusyTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>SQLite (default) or PostgreSQL.</summary>
    public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

    /// <summary>SQLite: the folder of the database file (the node's data folder). Required for SQLite.</summary>
    public string? DataFolder { get; set; }

    /// <summary>SQLite: the file name inside <see cref="DataFolder"/>; default <see cref="DefaultSqliteFileName"/>.</summary>
    public string SqliteFileName { get; set; } = DefaultSqliteFileName;

    /// <summary>PostgreSQL: an Npgsql connection string. Required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The first part of the node's persistence ids (<c>prefix/apps</c>, <c>prefix/tasks</c>, <c>prefix/devices</c>);
    /// default <see cref="DefaultPersistenceIdPrefix"/>. Nodes sharing one PostgreSQL database need different prefixes
    /// (their node names). Letters, digits, '-', '_' and '.' only.
    /// </summary>
    public string PersistenceIdPrefix { get; set; } = DefaultPersistenceIdPrefix;

    /// <summary>
    /// Events per entity between snapshots of the node's state; default <see cref="DefaultSnapshotEvery"/>.
    /// Recovery replays at most about twice this many events per entity. Must be at least 1.
    /// </summary>
    public int SnapshotEvery { get; set; } = DefaultSnapshotEvery;

    /// <summary>
    /// Journal rows the Akka.Persistence.Sql journal writes in one transaction at most (its <c>batch-size</c>); default
    /// <see cref="DefaultMaxBatch"/>. Writes queued together share one commit. Must be at least 1.
    /// </summary>
    public int MaxBatch { get; set; } = DefaultMaxBatch;

    /// <summary>
    /// SQLite: how long a statement waits for a lock held by another connection (the snapshot store and the journal
    /// write through different connections), rounded up to whole seconds; default <see cref="DefaultBusyTimeout"/>. Must be positive.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>The SQLite file's full path (<see cref="DataFolder"/> + <see cref="SqliteFileName"/>).</summary>
    /// <exception cref="InvalidOperationException">No data folder is set.</exception>
    public string SqlitePath => Path.Combine(
        DataFolder ?? throw new InvalidOperationException("Persistence: DataFolder is not set."), SqliteFileName);

    /// <summary>Where the data is, for messages: "SQLite file …" or "PostgreSQL host:port, database …" (never the password).</summary>
    /// <returns>The description; "PostgreSQL (malformed connection string)" when it cannot be parsed.</returns>
    public string DescribeLocation()
    {
        if (Provider == PersistenceProvider.Sqlite)
        {
            return DataFolder is null ? "SQLite (no data folder)" : "SQLite file " + Path.GetFullPath(SqlitePath);
        }
        try
        {
            var parsed = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL {parsed.Host}:{parsed.Port}, database {parsed.Database ?? parsed.Username}";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (malformed connection string)";
        }
    }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or missing; the message names it.</exception>
    public void Validate()
    {
        if (SnapshotEvery < 1)
        {
            throw new ArgumentException($"Persistence:SnapshotEvery must be at least 1 (is {SnapshotEvery}).", nameof(SnapshotEvery));
        }
        if (MaxBatch < 1)
        {
            throw new ArgumentException($"Persistence:MaxBatch must be at least 1 (is {MaxBatch}).", nameof(MaxBatch));
        }
        if (BusyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Persistence:BusyTimeout must be positive (is {BusyTimeout}).", nameof(BusyTimeout));
        }
        if (string.IsNullOrEmpty(PersistenceIdPrefix) || PersistenceIdPrefix.Length > 200
            || !PersistenceIdPrefix.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"Persistence:PersistenceIdPrefix '{PersistenceIdPrefix}' must be 1–200 letters, digits, '-', '_' or '.'.", nameof(PersistenceIdPrefix));
        }
        switch (Provider)
        {
            case PersistenceProvider.Sqlite:
                if (string.IsNullOrWhiteSpace(DataFolder))
                {
                    throw new ArgumentException("Persistence:DataFolder is required for SQLite.", nameof(DataFolder));
                }
                if (string.IsNullOrWhiteSpace(SqliteFileName) || SqliteFileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                {
                    throw new ArgumentException($"Persistence:SqliteFileName '{SqliteFileName}' is not a file name.", nameof(SqliteFileName));
                }
                break;
            case PersistenceProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(ConnectionString))
                {
                    throw new ArgumentException("Persistence:ConnectionString is required for PostgreSQL.", nameof(ConnectionString));
                }
                break;
            default:
                throw new ArgumentException($"Persistence:Provider '{Provider}' is not known (Sqlite or PostgreSql).", nameof(Provider));
        }
    }
}
