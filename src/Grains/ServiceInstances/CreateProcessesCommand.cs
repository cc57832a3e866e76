using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>The processes of one <c>create_process_instance</c> call, parsed but not yet checked.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.CreateProcessesCommand")]
public sealed record CreateProcessesCommand(long BizId, IReadOnlyList<ProcessInput> Processes);
