using ProcOrleans.Grains.Queries;
using ProcOrleans.Grains.Catalogue;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Grains.References;

/// <summary>The grains a caller of the service talks to, with references made once (see <see cref="GrainReferenceCache{TGrain}"/>).</summary>
public sealed class ServiceGrains(IGrainFactory grains)
{
    private readonly GrainReferenceCache<IServiceInstanceGrain> _instances = new(grains);
    private readonly GrainReferenceCache<IBusinessCatalogueGrain> _catalogues = new(grains);

    /// <summary>Batches across service instances (a stateless worker on the silo that receives the call).</summary>
    public IServiceInstanceBatchGrain Batches { get; } = grains.GetGrain<IServiceInstanceBatchGrain>(0);

    /// <summary>Listings and readiness, answered from the tables (a stateless worker).</summary>
    public IServiceInstanceQueryGrain Queries { get; } = grains.GetGrain<IServiceInstanceQueryGrain>(0);

    /// <summary>Catalogue reads across businesses (a stateless worker).</summary>
    public ICatalogueQueryGrain CatalogueQueries { get; } = grains.GetGrain<ICatalogueQueryGrain>(0);

    /// <summary>The grain of one service instance.</summary>
    public IServiceInstanceGrain Instance(long serviceInstanceId) => _instances.Get(serviceInstanceId);

    /// <summary>The catalogue of a business; an id that cannot be a business gets the built-ins' grain (0).</summary>
    public IBusinessCatalogueGrain Catalogue(long bizId) => _catalogues.Get(Math.Max(bizId, 0));
}
