using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ProcOrleans.Silo.Storage.Sqlite;

/// <summary>
/// The embedded provider: one node owns the database file (a lock file next to it proves it), WAL so that
/// reads run beside the writer, a busy timeout, foreign keys on.
/// </summary>
internal sealed class SqliteDialect : StorageDialect
{
    private readonly string _connectionString;
    private FileStream? _ownership;

    public SqliteDialect(StorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, (int)options.CommandTimeout.TotalSeconds),
        };
        DatabasePath = Path.GetFullPath(builder.DataSource);
        builder.DataSource = DatabasePath;
        _connectionString = builder.ConnectionString;
    }

    public string DatabasePath { get; }

    public string LockPath => DatabasePath + ".lock";

    public override string Name => StorageProviders.Sqlite;

    public override bool IsShared => false;

    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    public SqliteConnection CreateSqliteConnection() => new(_connectionString);

    /// <summary>
    /// Deferred: a plain BEGIN takes no lock until it reads, and in WAL a reader never waits. (The provider's
    /// default is BEGIN IMMEDIATE, which takes the write lock and would queue every read behind the writer.)
    /// </summary>
    public override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public override string ContainsText(string column, string parameter) => $"instr({column}, {parameter}) > 0";

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask; // BEGIN IMMEDIATE already holds the write lock, and the file has a single owner.

    public override async Task OnStartingAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        try
        {
            // Held open for the node's life; the OS lock goes with the process, so a crash leaves no stale lock.
            _ownership = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            throw new StorageOwnershipException(
                $"The SQLite database '{DatabasePath}' is already in use by another ProcOrleans node (lock file '{LockPath}'). "
                + "A SQLite store has a single owner: stop the other node, or run a cluster on the Postgres provider.");
        }

        await using var connection = CreateSqliteConnection();
        await connection.OpenAsync(cancellationToken);
        await using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL";
        await wal.ExecuteNonQueryAsync(cancellationToken);
    }

    public override Task OnStoppedAsync()
    {
        SqliteConnection.ClearAllPools();
        _ownership?.Dispose();
        _ownership = null;
        return Task.CompletedTask;
    }
}
