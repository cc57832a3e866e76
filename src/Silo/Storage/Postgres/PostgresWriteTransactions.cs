using System.Data.Common;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage.Postgres;

/// <summary>One transaction per write; what another node's transaction got in the way of is a conflict.</summary>
internal sealed class PostgresWriteTransactions(PostgresDialect dialect, StorageOptions options) : WriteTransactions
{
    public override async Task RunAsync(long key, Func<Statements, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await work(Statements.Fresh(connection, transaction, options.CommandTimeout), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException exception) when (PostgresDialect.IsConflict(exception))
        {
            throw new ConcurrencyConflictException(key, exception.Message);
        }
    }
}
