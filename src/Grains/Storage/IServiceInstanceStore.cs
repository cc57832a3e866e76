namespace ProcOrleans.Grains.Storage;

/// <summary>Durable state of service instances and their processes. Every method is one transaction.</summary>
public interface IServiceInstanceStore
{
    /// <summary>
    /// True when other silos may write the same rows (cluster mode): a grain then confirms its version
    /// before answering from memory whenever the silo's memory lease is not held. False when this node owns
    /// the storage and memory is authoritative.
    /// </summary>
    bool IsShared { get; }

    /// <summary>The instance, its processes in ascending id order, and its version; null when absent.</summary>
    Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken);

    /// <summary>The stored version, or null when the instance does not exist.</summary>
    Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores all changes in one transaction, all or nothing, and returns only once it is durable.
    /// Throws <see cref="ConcurrencyConflictException"/> when a version or unique index disagrees.
    /// </summary>
    Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken);
}
