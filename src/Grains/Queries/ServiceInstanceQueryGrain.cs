using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Queries;

/// <summary>Every write is durable before it is acknowledged, so the tables are always current for these reads.</summary>
[StatelessWorker]
[Reentrant]
internal sealed class ServiceInstanceQueryGrain(IServiceInstanceQueries queries, IStorageHealth health) : Grain, IServiceInstanceQueryGrain
{
    public Task<ServiceInstancePage> ListServiceInstancesAsync(ServiceInstanceFilter filter, PageRequest page) =>
        queries.ListServiceInstancesAsync(filter, page, CancellationToken.None);

    public Task<IReadOnlyList<ProcessInstance>> ListProcessesOfInstancesAsync(long[] serviceInstanceIds) =>
        queries.ListProcessesOfInstancesAsync(serviceInstanceIds, CancellationToken.None);

    public Task<IReadOnlyList<ProcessInstance>> GetProcessesAsync(long[] processIds) =>
        queries.GetProcessesAsync(processIds, CancellationToken.None);

    public Task<bool> IsStorageReadyAsync() => health.IsReadyAsync(CancellationToken.None);
}
