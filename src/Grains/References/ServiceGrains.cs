using ProcOrleans.Grains.Queries;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Grains.References;

/// <summary>The grains a caller of the service talks to, with references made once (see <see cref="GrainReferenceCache{TGrain}"/>).</summary>
public sealed class ServiceGrains(IGrainFactory grains)
{
    private readonly GrainReferenceCache<IServiceInstanceGrain> _instances = new(grains);

    /// <summary>Batches across service instances (a stateless worker on the silo that receives the call).</summary>
    public IServiceInstanceBatchGrain Batches { get; } = grains.GetGrain<IServiceInstanceBatchGrain>(0);

    /// <summary>Listings and readiness, answered from the tables (a stateless worker).</summary>
    public IServiceInstanceQueryGrain Queries { get; } = grains.GetGrain<IServiceInstanceQueryGrain>(0);

    /// <summary>The grain of one service instance.</summary>
    public IServiceInstanceGrain Instance(long serviceInstanceId) => _instances.Get(serviceInstanceId);
}
