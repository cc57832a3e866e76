using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Queries;

/// <summary>
/// Reads that span service instances, answered from the tables by the silo that receives the call (a
/// stateless worker, key 0), so that a gateway needs no database of its own.
/// </summary>
[Alias("procorleans.IServiceInstanceQueryGrain")]
public interface IServiceInstanceQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The instances matching the filter, one page of them, and their total count.</summary>
    [Alias("ListServiceInstances")]
    Task<ServiceInstancePage> ListServiceInstancesAsync(ServiceInstanceFilter filter, PageRequest page);

    /// <summary>The processes of these instances, in ascending process id.</summary>
    [Alias("ListProcessesOfInstances")]
    Task<IReadOnlyList<ProcessInstance>> ListProcessesOfInstancesAsync(long[] serviceInstanceIds);

    /// <summary>The processes with these ids, of any business, in ascending process id; unknown ids are skipped.</summary>
    [Alias("GetProcesses")]
    Task<IReadOnlyList<ProcessInstance>> GetProcessesAsync(long[] processIds);

    /// <summary>Whether the silo's storage is reachable and knows every migration of this build.</summary>
    [Alias("IsStorageReady")]
    Task<bool> IsStorageReadyAsync();
}
