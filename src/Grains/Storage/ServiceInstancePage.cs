using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Grains.Storage;

/// <summary>One page of a listing and the number of instances the filter matches in all.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.ServiceInstancePage")]
public sealed record ServiceInstancePage(long Count, IReadOnlyList<ServiceInstance> Info);
