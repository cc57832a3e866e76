using System.Diagnostics;
using ProcOrleans.Silo.Diagnostics;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage.Postgres;

/// <summary>
/// The cluster store: every commit's writes are conditional on the version the grain holds, so two
/// activations writing one service instance can never both succeed on the same version. Commits of one
/// node share transactions through the group-committing <see cref="PostgresWriter"/>.
/// </summary>
internal sealed class PostgresServiceInstanceStore(
    PostgresWriter writer,
    ServiceInstanceReader reader,
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
        try
        {
            await writer.CommitAsync(changes, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            metrics.ConflictSeen(StorageProviders.Postgres);
            throw;
        }

        metrics.CommitDone(StorageProviders.Postgres, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
