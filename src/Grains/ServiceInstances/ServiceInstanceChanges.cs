using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>
/// The changes commands make to one service instance, judged against a state and conditional on its
/// version. Pure: the caller stores the change, then has the grain take it in.
/// </summary>
internal static class ServiceInstanceChanges
{
    /// <summary>
    /// Adds processes: each input's own errors in input order, each checked for duplicates against the
    /// index (the instance's processes and the inputs before it), then ids for all of them at once.
    /// </summary>
    public static async Task<ServiceInstanceChange> CreateProcessesAsync(
        ServiceInstance instance,
        long expectedVersion,
        UniquenessIndex uniqueness,
        IReadOnlyList<ProcessInput> inputs,
        DateTimeOffset now,
        IIdAllocator ids,
        CancellationToken cancellationToken)
    {
        var properties = new ProcessProperties[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            properties[i] = inputs[i].GetOrThrow();
            uniqueness.Add(properties[i]);
        }

        var processes = new ProcessInstance[properties.Length];
        if (properties.Length > 0)
        {
            var processIds = await ids.AllocateAsync(IdSequences.ProcessId, properties.Length, cancellationToken);
            for (var i = 0; i < properties.Length; i++)
            {
                processes[i] = new ProcessInstance(
                    processIds[i], instance.Id, instance.BizId, instance.HostId, ProcessTemplateId: 0,
                    instance.SupplierAccount, properties[i], now, now);
            }
        }

        return new ServiceInstanceChange
        {
            ServiceInstanceId = instance.Id,
            ExpectedVersion = expectedVersion,
            Instance = expectedVersion == 0 ? instance : null,
            InsertedProcesses = processes,
        };
    }

    /// <summary>
    /// Replaces the attributes of some processes. Uniqueness is judged on the final list: every replaced
    /// process lets its old values go first, so two processes may swap names in one call.
    /// </summary>
    public static ServiceInstanceChange UpdateProcesses(
        ServiceInstanceState state,
        IReadOnlyList<(ProcessInstance Current, ProcessProperties Replacement)> updates,
        DateTimeOffset now)
    {
        var uniqueness = UniquenessIndex.Create(state.Instance.Id, state.Processes);
        foreach (var (current, _) in updates)
        {
            uniqueness.Remove(current.Properties);
        }

        var updated = new ProcessInstance[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            var (current, replacement) = updates[i];
            uniqueness.Add(replacement);
            updated[i] = current with { Properties = replacement, LastTime = now };
        }

        return new ServiceInstanceChange
        {
            ServiceInstanceId = state.Instance.Id,
            ExpectedVersion = state.Version,
            UpdatedProcesses = updated,
        };
    }

    /// <summary>
    /// Deletes some processes (ids the instance does not hold are ignored); when none would be left the
    /// instance goes too, as bk-cmdb does. Null when nothing is to change.
    /// </summary>
    public static ServiceInstanceChange? DeleteProcesses(ServiceInstanceState? state, long bizId, IReadOnlySet<long> processIds)
    {
        if (state is null || state.Instance.BizId != bizId)
        {
            return null;
        }

        var doomed = state.Processes.Where(p => processIds.Contains(p.ProcessId)).ToList();
        if (doomed.Count == 0)
        {
            return null;
        }

        if (doomed.FirstOrDefault(p => p.ProcessTemplateId != 0) is { } templated)
        {
            throw new CmdbException(ErrorCodes.TemplateProcessDeleteForbidden, templated.Properties.BkProcessName ?? "");
        }

        return new ServiceInstanceChange
        {
            ServiceInstanceId = state.Instance.Id,
            ExpectedVersion = state.Version,
            DeleteInstance = doomed.Count == state.Processes.Count,
            DeletedProcessIds = doomed.ConvertAll(p => p.ProcessId),
        };
    }

    /// <summary>Deletes the instance and its processes; null when it is absent or another business's.</summary>
    public static ServiceInstanceChange? DeleteInstance(ServiceInstanceState? state, long bizId) =>
        state is not null && state.Instance.BizId == bizId
            ? new ServiceInstanceChange { ServiceInstanceId = state.Instance.Id, ExpectedVersion = state.Version, DeleteInstance = true }
            : null;

    /// <summary>The state once <paramref name="change"/> is applied to <paramref name="current"/> (null: deleted).</summary>
    public static ServiceInstanceState? Apply(ServiceInstanceState? current, ServiceInstanceChange change)
    {
        if (change.DeleteInstance)
        {
            return null;
        }

        var instance = change.Instance ?? current?.Instance
            ?? throw new InvalidOperationException("A change to a missing service instance carries no instance row.");
        var existing = current?.Processes ?? [];
        var processes = new List<ProcessInstance>(existing.Count + change.InsertedProcesses.Count);
        if (change.UpdatedProcesses.Count == 0 && change.DeletedProcessIds.Count == 0)
        {
            processes.AddRange(existing);
        }
        else
        {
            var updated = change.UpdatedProcesses.ToDictionary(p => p.ProcessId);
            var deleted = change.DeletedProcessIds.ToHashSet();
            foreach (var process in existing)
            {
                if (!deleted.Contains(process.ProcessId))
                {
                    processes.Add(updated.GetValueOrDefault(process.ProcessId, process));
                }
            }
        }

        var kept = processes.Count;
        processes.AddRange(change.InsertedProcesses);

        // Ids come from per-silo blocks, so a process created through another silo may sort before ours; the
        // usual case (new ids above every held one) needs no sort.
        if (!IsAscending(processes, kept))
        {
            processes.Sort(static (a, b) => a.ProcessId.CompareTo(b.ProcessId));
        }

        return new ServiceInstanceState(instance, processes, change.NewVersion);
    }

    /// <summary>Whether <paramref name="processes"/>, ascending below <paramref name="from"/>, is ascending throughout.</summary>
    private static bool IsAscending(List<ProcessInstance> processes, int from)
    {
        for (var i = Math.Max(1, from); i < processes.Count; i++)
        {
            if (processes[i - 1].ProcessId >= processes[i].ProcessId)
            {
                return false;
            }
        }

        return true;
    }
}
