using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.References;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>
/// Orleans has no joint turn across silos, so a batch is coordinated: each grain involved hands over its
/// state, the batch's changes are judged against those states and stored in one transaction conditional
/// on every version, and only then does each grain take its change in. A version that moved in between
/// fails the transaction as a whole; the batch is judged again on fresh states, a bounded number of
/// times, and then answers 1199409. One failure anywhere and nothing changes anywhere.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class ServiceInstanceBatchGrain(
    IServiceInstanceStore store,
    IIdAllocator idAllocator,
    TimeProvider clock,
    IGrainFactory grains) : Grain, IServiceInstanceBatchGrain
{
    private readonly GrainReferenceCache<IServiceInstanceParticipant> participants = new(grains);

    private const int MaxAttempts = 3;

    public async Task<long[]> CreateServiceInstancesAsync(CreateServiceInstancesCommand command, CancellationToken cancellationToken = default)
    {
        // Fresh ids ascend, so input order is id order, and so is the order of checks.
        var ids = await idAllocator.AllocateAsync(IdSequences.ServiceInstanceId, command.Instances.Count, cancellationToken);
        var now = CmdbTime.TruncateToMilliseconds(clock.GetUtcNow());
        var changes = new List<ServiceInstanceChange>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var input = command.Instances[i];
            var instance = new ServiceInstance(
                ids[i],
                input.Name ?? DeriveName(input.Processes),
                command.BizId,
                command.ModuleId,
                input.HostId,
                ServiceTemplateId: 0,
                Labels: null,
                Creator: command.User,
                Modifier: command.User,
                now,
                now,
                command.SupplierAccount);
            changes.Add(await ServiceInstanceChanges.CreateProcessesAsync(
                instance, expectedVersion: 0, UniquenessIndex.Create(instance.Id, []), input.Processes, now, idAllocator, cancellationToken));
        }

        await CommitAsync(changes, cancellationToken);
        await ApplyAsync(changes);
        return ids;
    }

    public async Task<long[]> UpdateProcessesAsync(UpdateProcessesCommand command, CancellationToken cancellationToken = default)
    {
        var keys = command.Updates.Select(u => command.Owners[u.ProcessId]).Distinct().Order().ToArray();
        var now = CmdbTime.TruncateToMilliseconds(clock.GetUtcNow());
        await RunAsync(keys, states =>
        {
            var found = new ProcessInstance?[command.Updates.Count];
            for (var i = 0; i < found.Length; i++)
            {
                var processId = command.Updates[i].ProcessId;
                found[i] = states[command.Owners[processId]] is { } state && state.Instance.BizId == command.BizId
                    ? state.Processes.FirstOrDefault(p => p.ProcessId == processId)
                    : null;
            }

            // Deleted since storage was asked: the same answer as an id that never existed.
            var gone = command.Updates.Where((_, i) => found[i] is null).Select(u => u.ProcessId).ToList();
            if (gone.Count > 0)
            {
                throw ProcessErrors.NotInBusiness(gone);
            }

            if (found.Any(p => p!.ProcessTemplateId != 0))
            {
                throw new CmdbException(ErrorCodes.TemplateInstanceForbidden);
            }

            var replacements = command.Updates.Select(u => u.Input.GetOrThrow()).ToArray();
            return [.. keys.Select(key => ServiceInstanceChanges.UpdateProcesses(
                states[key]!,
                [.. Enumerable.Range(0, found.Length).Where(i => found[i]!.ServiceInstanceId == key).Select(i => (found[i]!, replacements[i]))],
                now))];
        }, cancellationToken);
        return [.. command.Updates.Select(u => u.ProcessId)];
    }

    public Task DeleteProcessesAsync(DeleteProcessesCommand command, CancellationToken cancellationToken = default)
    {
        var wanted = command.ProcessIds.ToHashSet();
        var keys = command.ProcessIds.Where(command.Owners.ContainsKey).Select(id => command.Owners[id]).Distinct().Order().ToArray();
        return RunAsync(keys, states =>
            [.. keys.Select(key => ServiceInstanceChanges.DeleteProcesses(states[key], command.BizId, wanted)).OfType<ServiceInstanceChange>()],
            cancellationToken);
    }

    public Task DeleteServiceInstancesAsync(long bizId, long[] serviceInstanceIds, CancellationToken cancellationToken = default)
    {
        var keys = serviceInstanceIds.Distinct().Order().ToArray();
        return RunAsync(keys, states =>
            [.. keys.Select(key => ServiceInstanceChanges.DeleteInstance(states[key], bizId)).OfType<ServiceInstanceChange>()],
            cancellationToken);
    }

    public Task AddLabelsAsync(long bizId, long[] serviceInstanceIds, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken = default) =>
        ChangeLabelsAsync(bizId, serviceInstanceIds, current => ServiceInstanceLabels.Merge(current, labels), cancellationToken);

    public Task RemoveLabelsAsync(long bizId, long[] serviceInstanceIds, string[] keys, CancellationToken cancellationToken = default)
    {
        var dropped = keys.ToHashSet(StringComparer.Ordinal);
        return ChangeLabelsAsync(bizId, serviceInstanceIds, current => ServiceInstanceLabels.Remove(current, dropped), cancellationToken);
    }

    private Task ChangeLabelsAsync(
        long bizId, long[] serviceInstanceIds, Func<IReadOnlyDictionary<string, string>?, IReadOnlyDictionary<string, string>?> relabel, CancellationToken cancellationToken)
    {
        var keys = serviceInstanceIds.Distinct().Order().ToArray();
        return RunAsync(keys, states =>
        {
            if (keys.Any(key => states[key] is not { } state || state.Instance.BizId != bizId))
            {
                throw new CmdbException(ErrorCodes.ParamInvalid, "instance_ids");
            }

            var changes = new List<ServiceInstanceChange>(keys.Length);
            foreach (var key in keys)
            {
                var state = states[key]!;
                var labels = relabel(state.Instance.Labels);
                if (!SameLabels(state.Instance.Labels, labels))
                {
                    changes.Add(new ServiceInstanceChange
                    {
                        ServiceInstanceId = key,
                        ExpectedVersion = state.Version,
                        // bk-cmdb sets the labels alone: last_time and modifier stay.
                        Instance = state.Instance with { Labels = labels },
                    });
                }
            }

            return changes;
        }, cancellationToken);
    }

    private static bool SameLabels(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Count == b.Count && a.All(l => b.TryGetValue(l.Key, out var value) && value == l.Value);

    /// <summary>
    /// The name bk-cmdb gives an instance created without one: the first process's name, plus <c>_</c> and
    /// its first bind port when it has one.
    /// </summary>
    private static string DeriveName(IReadOnlyList<ProcessInput> processes)
    {
        // An invalid first process fails the batch later, in API.md's order.
        if (processes.Count == 0 || processes[0].Properties is not { } first)
        {
            return "";
        }

        var port = first.BindInfo is { Count: > 0 } rows ? rows[0].Port : null;
        return port is null ? first.BkProcessName ?? "" : $"{first.BkProcessName}_{port}";
    }

    /// <summary>
    /// Gathers the grains' states, has <paramref name="prepare"/> judge the batch against them, stores the
    /// changes together and hands them over. States are read again from storage after a conflict.
    /// </summary>
    private async Task RunAsync(
        long[] keys,
        Func<IReadOnlyDictionary<long, ServiceInstanceState?>, List<ServiceInstanceChange>> prepare,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var states = await Task.WhenAll(keys.Select(key => Participant(key).GetStateAsync(reload: attempt > 1, cancellationToken)));
            var changes = prepare(keys.Zip(states).ToDictionary(p => p.First, p => p.Second));
            if (changes.Count == 0)
            {
                return;
            }

            try
            {
                await store.CommitAsync(changes, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                continue;
            }
            catch (ConcurrencyConflictException)
            {
                throw new CmdbException(ErrorCodes.ConcurrentWrite);
            }

            await ApplyAsync(changes);
            return;
        }
    }

    private async Task CommitAsync(List<ServiceInstanceChange> changes, CancellationToken cancellationToken)
    {
        try
        {
            await store.CommitAsync(changes, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            throw new CmdbException(ErrorCodes.ConcurrentWrite);
        }
    }

    private Task ApplyAsync(List<ServiceInstanceChange> changes) =>
        Task.WhenAll(changes.Select(change => Participant(change.ServiceInstanceId).ApplyAsync(change)));

    private IServiceInstanceParticipant Participant(long key) => participants.Get(key);
}
