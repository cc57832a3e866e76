namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>
/// Commands that span several service instances, each all or nothing across silos. A stateless worker:
/// call it with key 0 and it runs on the silo that receives the call. A call cancelled (or timed out)
/// before its write is durable stores nothing.
/// </summary>
[Alias("procorleans.IServiceInstanceBatchGrain")]
public interface IServiceInstanceBatchGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the instances with their processes; answers their ids in input order.</summary>
    [Alias("CreateServiceInstances")]
    Task<long[]> CreateServiceInstancesAsync(CreateServiceInstancesCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the attributes of processes that may live in several instances. Checks, in bk-cmdb's order:
    /// every process still exists in the business, none was made from a template, each item's attributes in
    /// input order, then uniqueness per instance. Answers the ids in input order.
    /// </summary>
    [Alias("UpdateProcesses")]
    Task<long[]> UpdateProcessesAsync(UpdateProcessesCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes processes across instances; ids unknown or of another business are left alone; an instance
    /// whose last process goes is deleted too.
    /// </summary>
    [Alias("DeleteProcesses")]
    Task DeleteProcessesAsync(DeleteProcessesCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Merges labels into instances of the business (a key given again is overwritten), all or nothing; an id
    /// unknown or of another business is 1199006 <c>'instance_ids'</c>.
    /// </summary>
    [Alias("AddLabels")]
    Task AddLabelsAsync(long bizId, long[] serviceInstanceIds, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken = default);

    /// <summary>Drops label keys from instances of the business (absent keys are ignored), all or nothing, as <see cref="AddLabelsAsync"/>.</summary>
    [Alias("RemoveLabels")]
    Task RemoveLabelsAsync(long bizId, long[] serviceInstanceIds, string[] keys, CancellationToken cancellationToken = default);

    /// <summary>Deletes instances and their processes; ids of another business are not touched.</summary>
    [Alias("DeleteServiceInstances")]
    Task DeleteServiceInstancesAsync(long bizId, long[] serviceInstanceIds, CancellationToken cancellationToken = default);
}
