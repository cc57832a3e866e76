using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>The grain that owns one service instance, its process list and its writes.</summary>
public interface IServiceInstanceGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The UTF-8 JSON array of <c>{property, relation}</c> items in ascending process id; <c>[]</c> when the
    /// instance does not exist or belongs to another business.
    /// </summary>
    Task<ReadOnlyMemory<byte>> ListProcessesAsync(long bizId, CancellationToken cancellationToken = default);

    /// <summary>Adds processes, all or nothing; answers their new ids in input order.</summary>
    Task<long[]> CreateProcessesAsync(CreateProcessesCommand command, CancellationToken cancellationToken = default);
}
