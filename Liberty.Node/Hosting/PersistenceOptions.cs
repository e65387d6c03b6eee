namespace Liberty.Node.Hosting;

/// <summary>Where the node's journal lives (configuration section <c>Persistence</c>).</summary>
public sealed class PersistenceOptions
{
    /// <summary>The default provider: a SQLite file in the data folder.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>PostgreSQL, for fleets.</summary>
    public const string PostgreSql = "postgresql";

    /// <summary><see cref="Sqlite"/> (default) or <see cref="PostgreSql"/>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// For SQLite: optional, default <c>Data Source=&lt;data&gt;/journal.db</c>. For PostgreSQL: required, an Npgsql
    /// connection string.
    /// </summary>
    public string? ConnectionString { get; set; }
}
