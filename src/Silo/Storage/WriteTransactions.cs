using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>
/// Runs one write transaction the provider's way: on SQLite in the node's single writer (one savepoint in
/// its next group commit), on PostgreSQL in a transaction of its own. Either way it returns once the
/// write is durable, and a unique index or a conflicting writer surfaces as
/// <see cref="ConcurrencyConflictException"/> with nothing stored.
/// </summary>
internal abstract class WriteTransactions
{
    public abstract Task RunAsync(long key, Func<Statements, CancellationToken, Task> work, CancellationToken cancellationToken);
}
