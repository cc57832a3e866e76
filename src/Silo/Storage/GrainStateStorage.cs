using Microsoft.Data.Sqlite;

namespace ProcOrleans.Silo.Storage;

/// <summary>How Orleans' ADO.NET providers reach the node's database: their invariant name and connection string.</summary>
internal sealed record GrainStateStorage(string Invariant, string ConnectionString)
{
    public const string PostgresInvariant = "Npgsql";

    // Orleans knows SQLite under this invariant only; it loads Microsoft.Data.Sqlite's factory for it.
    public const string SqliteInvariant = "System.Data.SQLite";

    public static GrainStateStorage For(StorageOptions options)
    {
        if (options.Provider == StorageProviders.Postgres)
        {
            return new(PostgresInvariant, options.ConnectionString!);
        }

        // The same file as the node's own tables, by absolute path, waiting for the writer's lock instead of failing.
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            DefaultTimeout = Math.Max(1, (int)options.CommandTimeout.TotalSeconds),
            Pooling = true,
        };
        builder.DataSource = Path.GetFullPath(builder.DataSource);
        return new(SqliteInvariant, builder.ConnectionString);
    }
}
