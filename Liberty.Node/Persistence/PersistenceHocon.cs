using System.Globalization;
using System.Text;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liberty.Node.Persistence;

/// <summary>
/// The Akka configuration of the node's persistence: the Akka.Persistence.Sql journal and snapshot store on the
/// database <see cref="PersistenceOptions"/> names, and <see cref="PersistenceSerializer"/> bound to the node's
/// events and snapshots. The actor system that runs <see cref="AkkaTaskStore"/> must be created with it (or with a
/// configuration that falls back to it).
/// </summary>
internal static class PersistenceHocon
{
    /// <summary>The journal's table (Akka.Persistence.Sql's default mapping, renamed so as not to clash with the previous journal's <c>journal</c>).</summary>
    public const string JournalTable = "akka_journal";

    /// <summary>The snapshot store's table.</summary>
    public const string SnapshotTable = "akka_snapshot";

    /// <summary>The journal's metadata table.</summary>
    public const string MetadataTable = "akka_journal_metadata";

    /// <summary>The journal's tag table (the node writes no tags; Akka.Persistence.Sql creates it).</summary>
    public const string TagTable = "akka_tags";

    /// <summary>linq2db's provider name for SQLite through Microsoft.Data.Sqlite.</summary>
    public const string SqliteProvider = "SQLite.MS";

    /// <summary>linq2db's provider name for PostgreSQL through Npgsql.</summary>
    public const string PostgreSqlProvider = "PostgreSQL.15";

    /// <summary>Builds the configuration for <paramref name="options"/>.</summary>
    /// <param name="options">The options (validated here).</param>
    /// <returns>The HOCON configuration: journal, snapshot store and serializer bindings.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or the connection string is malformed; the message names the setting.</exception>
    public static Config Create(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (connectionString, provider) = options.Provider == PersistenceProvider.Sqlite
            ? (SqliteConnectionString(options), SqliteProvider)
            : (PostgreSqlConnectionString(options), PostgreSqlProvider);
        var serializer = typeof(PersistenceSerializer).FullName + ", " + typeof(PersistenceSerializer).Assembly.GetName().Name;
        var hocon = new StringBuilder();
        hocon.Append(CultureInfo.InvariantCulture, $$"""
            akka.actor {
              serializers.liberty-persistence = {{Quote(serializer)}}
              serialization-identifiers.{{Quote(serializer)}} = {{PersistenceSerializer.SerializerIdentifier}}
              serialization-bindings {

            """);
        foreach (var type in PersistenceSerializer.Manifests.Keys)
        {
            hocon.Append(CultureInfo.InvariantCulture, $"    {Quote(type.FullName + ", " + type.Assembly.GetName().Name)} = liberty-persistence\n");
        }
        // parallelism = 1: one write transaction at a time, so the database commits batches in the order the
        // entities sent them (and SQLite, which has one writer anyway, never waits for its own lock).
        hocon.Append(CultureInfo.InvariantCulture, $$"""
              }
            }
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  connection-string = {{Quote(connectionString)}}
                  provider-name = {{Quote(provider)}}
                  auto-initialize = on
                  table-mapping = default
                  parallelism = 1
                  batch-size = {{options.MaxBatch}}
                  default {
                    journal.table-name = {{JournalTable}}
                    metadata.table-name = {{MetadataTable}}
                    tag.table-name = {{TagTable}}
                  }
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  connection-string = {{Quote(connectionString)}}
                  provider-name = {{Quote(provider)}}
                  auto-initialize = on
                  table-mapping = default
                  default.snapshot.table-name = {{SnapshotTable}}
                }
              }
            }
            """);
        return ConfigurationFactory.ParseString(hocon.ToString());
    }

    /// <summary>The SQLite connection string of <paramref name="options"/>' file.</summary>
    /// <param name="options">Validated SQLite options.</param>
    /// <returns>The connection string (read-write-create; the busy timeout as the command timeout).</returns>
    public static string SqliteConnectionString(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(options.SqlitePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = (int)Math.Clamp(Math.Ceiling(options.BusyTimeout.TotalSeconds), 1, int.MaxValue),
        }.ToString();
    }

    private static string PostgreSqlConnectionString(PersistenceOptions options)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(options.ConnectionString).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Persistence:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}", nameof(options), ex);
        }
    }

    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                _ => quoted.Append(c),
            };
        }
        return quoted.Append('"').ToString();
    }
}
