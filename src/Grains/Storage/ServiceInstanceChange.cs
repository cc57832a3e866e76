using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Grains.Storage;

/// <summary>
/// What one command changes in one service instance. Applied conditionally on
/// <see cref="ExpectedVersion"/>: 0 means the instance must not exist yet (it is inserted); otherwise the
/// stored version must equal it, and becomes <c>ExpectedVersion + 1</c>.
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable, Alias("procorleans.ServiceInstanceChange")]
public sealed record ServiceInstanceChange
{
    public required long ServiceInstanceId { get; init; }

    public required long ExpectedVersion { get; init; }

    /// <summary>The instance row to insert (when new) or overwrite; null leaves the row as it is.</summary>
    public ServiceInstance? Instance { get; init; }

    /// <summary>Deletes the instance row and all its processes.</summary>
    public bool DeleteInstance { get; init; }

    public IReadOnlyList<ProcessInstance> InsertedProcesses { get; init; } = [];

    public IReadOnlyList<ProcessInstance> UpdatedProcesses { get; init; } = [];

    public IReadOnlyList<long> DeletedProcessIds { get; init; } = [];

    /// <summary>The version the instance has once this change is stored.</summary>
    public long NewVersion => ExpectedVersion + 1;
}
