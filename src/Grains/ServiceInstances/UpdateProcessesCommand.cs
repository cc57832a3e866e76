namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>
/// A whole <c>update_process_instance</c> call. <paramref name="Owners"/> maps each process id to its service
/// instance, as storage answered before the call; the grains confirm it inside their turn.
/// </summary>
[GenerateSerializer, Immutable, Alias("procorleans.UpdateProcessesCommand")]
public sealed record UpdateProcessesCommand(
    long BizId,
    IReadOnlyList<ProcessUpdate> Updates,
    IReadOnlyDictionary<long, long> Owners);
