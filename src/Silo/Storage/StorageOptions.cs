namespace ProcOrleans.Silo.Storage;

/// <summary>Where state lives (<c>Storage</c> section; the connection string may come from <c>ConnectionStrings:ProcOrleans</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string ConnectionStringName = "ProcOrleans";

    /// <summary><see cref="StorageProviders.Sqlite"/> (one node) or <see cref="StorageProviders.Postgres"/> (a cluster).</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Overrides <c>ConnectionStrings:ProcOrleans</c> when set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Ids a silo reserves per call to a sequence grain.</summary>
    public int IdBlockSize { get; set; } = 1000;

    /// <summary>How long a statement waits for a lock or an answer before it fails.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most commits one SQLite transaction takes at once (group commit).</summary>
    public int MaxCommitBatch { get; set; } = 256;

    /// <summary>
    /// PostgreSQL writers per node: each sends one group of commits as one transaction while the others wait
    /// for their fsync, so a node keeps the database busy without a connection per waiting write.
    /// </summary>
    public int PostgresWriters { get; set; } = 2;

    /// <summary>
    /// Most commits one PostgreSQL transaction takes at once. Each is a subtransaction, and PostgreSQL slows
    /// every snapshot down once a transaction has more than 64 of them.
    /// </summary>
    public int PostgresMaxGroup { get; set; } = 32;

    /// <summary>
    /// Page cache of the SQLite writer's connection, in MiB: inserts land on index pages spread over the whole
    /// store, and a small cache would read them back from the file again and again.
    /// </summary>
    public int SqliteWriterCacheMb { get; set; } = 128;

    /// <summary>How often a background connection checkpoints the SQLite WAL; zero leaves it to the writer's commits.</summary>
    public TimeSpan SqliteCheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
