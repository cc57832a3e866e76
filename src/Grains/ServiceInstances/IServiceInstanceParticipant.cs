using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>
/// What the batch coordinator asks of a service instance grain: its state to prepare a change against,
/// and the change once it is stored. Only <see cref="ServiceInstanceBatchGrain"/> calls it.
/// </summary>
[Alias("procorleans.IServiceInstanceParticipant")]
internal interface IServiceInstanceParticipant : IGrainWithIntegerKey
{
    /// <summary>The state as the grain holds it (read again from storage when <paramref name="reload"/>); null when absent.</summary>
    [Alias("GetState")]
    Task<ServiceInstanceState?> GetStateAsync(bool reload, CancellationToken cancellationToken);

    /// <summary>Takes in a change that the coordinator has stored.</summary>
    [Alias("Apply")]
    Task ApplyAsync(ServiceInstanceChange change);
}
