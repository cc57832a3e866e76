using System.Data.Common;
using System.Diagnostics;
using ProcOrleans.Silo.Diagnostics;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage.Sqlite;

/// <summary>The embedded store: reads on pooled connections, writes through the group-committing writer.</summary>
internal sealed class SqliteServiceInstanceStore(
    SqliteDialect dialect,
    SqliteWriter writer,
    ServiceInstanceReader reader,
    ProcOrleansMetrics metrics) : IServiceInstanceStore
{
    public bool IsShared => false;

    public Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken) =>
        reader.LoadAsync(serviceInstanceId, cancellationToken);

    public Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken) =>
        reader.GetVersionAsync(serviceInstanceId, cancellationToken);

    public async Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken)
    {
        using var span = ProcOrleansTracing.StartCommit(StorageProviders.Sqlite, changes.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await WriteAsync(changes, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            metrics.ConflictSeen(StorageProviders.Sqlite);
            throw;
        }

        metrics.CommitDone(StorageProviders.Sqlite, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private Task WriteAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken) =>
        writer.WriteAsync(async statements =>
        {
            foreach (var change in changes)
            {
                try
                {
                    await ChangeWriter.ApplyAsync(statements, change, dialect.ProcessRowsPerInsert, CancellationToken.None);
                }
                catch (DbException exception) when (dialect.IsUniqueViolation(exception))
                {
                    throw new ConcurrencyConflictException(change.ServiceInstanceId, exception.Message);
                }
            }

            return true;
        }, cancellationToken);
}
