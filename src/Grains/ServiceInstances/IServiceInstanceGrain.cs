namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>The grain that owns one service instance (key <c>service_instance_id</c>), its process list and its writes.</summary>
[Alias("procorleans.IServiceInstanceGrain")]
public interface IServiceInstanceGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The UTF-8 JSON array of <c>{property, relation}</c> items in ascending process id; <c>[]</c> when the
    /// instance does not exist or belongs to another business. Takes no cancellation token: a read changes
    /// nothing, and a token costs every call (the proxy wraps it) for nothing gained.
    /// </summary>
    [Alias("ListProcesses")]
    Task<Immutable<byte[]>> ListProcessesAsync(long bizId);

    /// <summary>
    /// Adds processes, all or nothing; answers their new ids in input order. A call cancelled (or timed out)
    /// before its write is durable stores nothing.
    /// </summary>
    [Alias("CreateProcesses")]
    Task<long[]> CreateProcessesAsync(CreateProcessesCommand command, CancellationToken cancellationToken = default);
}
