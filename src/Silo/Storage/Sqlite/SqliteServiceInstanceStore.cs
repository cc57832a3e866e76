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

    /// <summary>No lock: this node owns the file and its grains are the only writers.</summary>
    public Task<IAsyncDisposable?> LockForWriteAsync(IReadOnlyCollection<long> serviceInstanceIds, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(null);

    public Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken) =>
        reader.LoadAsync(serviceInstanceId, cancellationToken);

    public Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken) =>
        reader.GetVersionAsync(serviceInstanceId, cancellationToken);

    public async Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken)
    {
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

    /// <summary>Reserves an id block inside the next write group, so it is durable before any id of it is used.</summary>
    public Task<long> ReserveIdsAsync(string sequence, long count, CancellationToken cancellationToken) =>
        writer.WriteAsync(async statements =>
        {
            await using var command = statements.Rent(IdSequenceSql.Reserve);
            return Convert.ToInt64(
                await command.Command.With("@name", sequence).With("@count", count).ExecuteScalarAsync(CancellationToken.None),
                System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
}
