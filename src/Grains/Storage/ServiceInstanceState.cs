using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Grains.Storage;

/// <summary>Everything a service instance grain owns, as loaded from storage, processes in id order.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.ServiceInstanceState")]
public sealed record ServiceInstanceState(
    ServiceInstance Instance,
    IReadOnlyList<ProcessInstance> Processes,
    long Version);
