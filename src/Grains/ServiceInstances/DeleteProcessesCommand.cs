namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>A whole <c>delete_process_instance</c> call; <paramref name="Owners"/> as in <see cref="UpdateProcessesCommand"/>.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.DeleteProcessesCommand")]
public sealed record DeleteProcessesCommand(
    long BizId,
    IReadOnlyList<long> ProcessIds,
    IReadOnlyDictionary<long, long> Owners);
