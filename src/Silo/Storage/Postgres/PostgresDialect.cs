using System.Data.Common;
using Npgsql;

namespace ProcOrleans.Silo.Storage.Postgres;

/// <summary>The cluster provider: any number of nodes on one PostgreSQL database.</summary>
internal sealed class PostgresDialect(StorageOptions options) : StorageDialect, IAsyncDisposable
{
    // Any constant both nodes agree on; it only names the advisory lock that serialises migrations.
    private const long MigrationLockKey = 0x50_72_6F_63_4F_72_6CL;

    private readonly NpgsqlDataSource _dataSource = new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            CommandTimeout = Math.Max(1, (int)options.CommandTimeout.TotalSeconds),
            // The group writer traces a failed statement of a batch back to the one commit that sent it.
            IncludeFailedBatchedCommand = true,
        }.ConnectionString).Build();

    public override string Name => StorageProviders.Postgres;

    public override bool IsShared => true;

    /// <summary>A batch of 100 processes in one round trip instead of 100 (28 parameters a row, far under the limit).</summary>
    public override int ProcessRowsPerInsert => 100;

    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    public override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>Errors after which the transaction is simply retried by a grain: another node got in the way.</summary>
    public static bool IsConflict(DbException exception) =>
        exception is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                or PostgresErrorCodes.ForeignKeyViolation,
        };

    public override string ContainsText(string column, string parameter) => $"strpos({column}, {parameter}) > 0";

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT pg_advisory_xact_lock(@key)", transaction, TimeSpan.FromMinutes(5))
            .With("@key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
