namespace Liberty.Node.Persistence;

/// <summary>Where the journal and snapshots live.</summary>
public enum PersistenceProvider
{
    /// <summary>A SQLite file (WAL) in the node's data folder: the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database given by <see cref="PersistenceOptions.ConnectionString"/>.</summary>
    PostgreSql,
}
