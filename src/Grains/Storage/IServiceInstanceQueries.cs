using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Grains.Storage;

/// <summary>
/// Reads that span grains, answered by storage directly: writes go through grains and are durable before
/// they return, so storage is always current.
/// </summary>
public interface IServiceInstanceQueries
{
    /// <summary>The instances matching the filter, one page of them, and their total count.</summary>
    Task<ServiceInstancePage> ListServiceInstancesAsync(ServiceInstanceFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The processes of these instances, in ascending process id.</summary>
    Task<IReadOnlyList<ProcessInstance>> ListProcessesOfInstancesAsync(IReadOnlyCollection<long> serviceInstanceIds, CancellationToken cancellationToken);

    /// <summary>The processes with these ids, of any business, in ascending process id; unknown ids are skipped.</summary>
    Task<IReadOnlyList<ProcessInstance>> GetProcessesAsync(IReadOnlyCollection<long> processIds, CancellationToken cancellationToken);
}
