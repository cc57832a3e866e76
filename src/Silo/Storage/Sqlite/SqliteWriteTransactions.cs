using System.Data.Common;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage.Sqlite;

/// <summary>Writes through the node's single writer, so they join its group commit.</summary>
internal sealed class SqliteWriteTransactions(SqliteDialect dialect, SqliteWriter writer) : WriteTransactions
{
    public override Task RunAsync(long key, Func<Statements, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        writer.WriteAsync(async statements =>
        {
            try
            {
                // Once a write has begun in the group it runs to its end; the group's commit decides.
                await work(statements, CancellationToken.None);
            }
            catch (DbException exception) when (dialect.IsUniqueViolation(exception))
            {
                throw new ConcurrencyConflictException(key, exception.Message);
            }

            return true;
        }, cancellationToken);
}
