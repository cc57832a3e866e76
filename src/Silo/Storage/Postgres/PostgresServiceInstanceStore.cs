using System.Data.Common;
using System.Diagnostics;
using ProcOrleans.Silo.Diagnostics;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage.Postgres;

/// <summary>
/// The cluster store: every commit is one transaction whose writes are conditional on the version the
/// grain holds, so two activations writing one service instance can never both succeed on the same
/// version. PostgreSQL's own group commit shares fsyncs between concurrent transactions.
/// </summary>
internal sealed class PostgresServiceInstanceStore(
    PostgresDialect dialect,
    ServiceInstanceReader reader,
    StorageOptions options,
    ProcOrleansMetrics metrics) : IServiceInstanceStore
{
    public bool IsShared => true;

    public Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken) =>
        reader.LoadAsync(serviceInstanceId, cancellationToken);

    public Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken) =>
        reader.GetVersionAsync(serviceInstanceId, cancellationToken);

    public async Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken)
    {
        using var span = ProcOrleansTracing.StartCommit(StorageProviders.Postgres, changes.Count);
        var started = Stopwatch.GetTimestamp();
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = changes.Count > 0 ? changes[0].ServiceInstanceId : 0;
        var statements = Statements.Fresh(connection, transaction, options.CommandTimeout);
        try
        {
            foreach (var change in changes)
            {
                current = change.ServiceInstanceId;
                await ChangeWriter.ApplyAsync(statements, change, dialect.ProcessRowsPerInsert, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException exception) when (PostgresDialect.IsConflict(exception))
        {
            metrics.ConflictSeen(StorageProviders.Postgres);
            throw new ConcurrencyConflictException(current, exception.Message);
        }
        catch (ConcurrencyConflictException)
        {
            metrics.ConflictSeen(StorageProviders.Postgres);
            throw;
        }

        metrics.CommitDone(StorageProviders.Postgres, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
