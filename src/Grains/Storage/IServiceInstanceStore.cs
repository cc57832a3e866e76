namespace ProcOrleans.Grains.Storage;

/// <summary>Durable state of service instances and their processes. Every method is one transaction.</summary>
public interface IServiceInstanceStore
{
    /// <summary>
    /// True when other nodes may write the same rows (cluster mode): a grain then confirms its version
    /// before answering from memory. False when this node owns the storage and memory is authoritative.
    /// </summary>
    bool IsShared { get; }

    /// <summary>The instance, its processes in ascending id order, and its version; null when absent.</summary>
    Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken);

    /// <summary>The stored version, or null when the instance does not exist.</summary>
    Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken);

    /// <summary>
    /// On a shared store, holds the write lock of these instances across the cluster until disposed, taken
    /// in ascending id order, so that writers of one instance on different nodes take turns instead of
    /// racing and retrying. Null on a store that has a single owner (memory is authoritative there).
    /// </summary>
    Task<IAsyncDisposable?> LockForWriteAsync(IReadOnlyCollection<long> serviceInstanceIds, CancellationToken cancellationToken);

    /// <summary>
    /// Stores all changes in one transaction, all or nothing, and returns only once it is durable.
    /// Throws <see cref="ConcurrencyConflictException"/> when a version or unique index disagrees.
    /// </summary>
    Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken);
}
