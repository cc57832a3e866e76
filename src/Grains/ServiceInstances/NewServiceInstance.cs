using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>One instance of a <c>create_service_instance</c> call.</summary>
/// <param name="HostId">The host the instance runs on.</param>
/// <param name="Name">The trimmed <c>service_instance_name</c>, or null to derive it from the first process.</param>
/// <param name="Processes">Its initial processes, parsed but not yet checked.</param>
[GenerateSerializer, Immutable, Alias("procorleans.NewServiceInstance")]
public sealed record NewServiceInstance(long HostId, string? Name, IReadOnlyList<ProcessInput> Processes);
