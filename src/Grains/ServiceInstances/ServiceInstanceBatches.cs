using ProcOrleans.Grains.Abstractions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>
/// Runs commands that span several service instances as one joint turn: every grain involved is held,
/// each prepares its change against its own memory, all changes are stored in one transaction, and only
/// then does each grain take its change. One failure anywhere and nothing changes anywhere.
/// </summary>
public sealed class ServiceInstanceBatches(
    IGrainFactory grains,
    IServiceInstanceStore store,
    IIdAllocator idAllocator,
    TimeProvider clock)
{
    /// <summary>Creates the instances with their processes; answers their ids in input order.</summary>
    public async Task<long[]> CreateServiceInstancesAsync(
        CreateServiceInstancesCommand command,
        CancellationToken cancellationToken)
    {
        // Fresh ids ascend, so the joint turn's key order is the input order, and so is the order of checks.
        var ids = await idAllocator.AllocateAsync(IdSequences.ServiceInstanceId, command.Instances.Count, cancellationToken);
        var now = CmdbTime.TruncateToMilliseconds(clock.GetUtcNow());
        await RunAsync(ids, async (activations, ct) =>
        {
            var changes = new List<(ServiceInstanceGrain, ServiceInstanceChange)>(activations.Count);
            for (var i = 0; i < activations.Count; i++)
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
                changes.Add((activations[i], await activations[i].PrepareCreateInstanceAsync(instance, input.Processes, ct)));
            }

            return changes;
        }, cancellationToken);
        return ids;
    }

    /// <summary>
    /// Replaces the attributes of processes that may live in several instances, all or nothing. Checks, in
    /// bk-cmdb's order: every process still exists in the business, none was made from a template, each
    /// item's attributes in input order, then uniqueness per instance. Answers the ids in input order.
    /// </summary>
    public async Task<long[]> UpdateProcessesAsync(UpdateProcessesCommand command, CancellationToken cancellationToken)
    {
        var keys = SortedKeys(command.Updates.Select(u => command.Owners[u.ProcessId]));
        var now = CmdbTime.TruncateToMilliseconds(clock.GetUtcNow());
        await RunAsync(keys, (activations, _) =>
        {
            var grainOf = GrainsByKey(keys, activations);
            var found = new ProcessInstance?[command.Updates.Count];
            for (var i = 0; i < found.Length; i++)
            {
                var processId = command.Updates[i].ProcessId;
                found[i] = grainOf[command.Owners[processId]].FindProcess(command.BizId, processId);
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
            var changes = new List<(ServiceInstanceGrain, ServiceInstanceChange)>(keys.Length);
            foreach (var key in keys)
            {
                var mine = Enumerable.Range(0, found.Length)
                    .Where(i => found[i]!.ServiceInstanceId == key)
                    .Select(i => (found[i]!, replacements[i]))
                    .ToList();
                changes.Add((grainOf[key], grainOf[key].PrepareUpdateProcesses(mine, now)));
            }

            return Task.FromResult(changes);
        }, cancellationToken);
        return command.Updates.Select(u => u.ProcessId).ToArray();
    }

    /// <summary>
    /// Deletes processes across instances, all or nothing; ids unknown or of another business are left
    /// alone; an instance whose last process goes is deleted too.
    /// </summary>
    public Task DeleteProcessesAsync(DeleteProcessesCommand command, CancellationToken cancellationToken)
    {
        var wanted = command.ProcessIds.ToHashSet();
        var keys = SortedKeys(command.ProcessIds.Where(command.Owners.ContainsKey).Select(id => command.Owners[id]));
        return RunAsync(keys, (activations, _) =>
            Task.FromResult(activations
                .Select(grain => (grain, grain.PrepareDeleteProcesses(command.BizId, wanted)))
                .Where(c => c.Item2 is not null)
                .Select(c => (c.grain, c.Item2!))
                .ToList()), cancellationToken);
    }

    /// <summary>Deletes instances and their processes, all or nothing; ids of another business are not touched.</summary>
    public Task DeleteServiceInstancesAsync(long bizId, IReadOnlyCollection<long> serviceInstanceIds, CancellationToken cancellationToken) =>
        RunAsync(SortedKeys(serviceInstanceIds), (activations, _) =>
            Task.FromResult(activations
                .Select(grain => (grain, grain.PrepareDeleteInstance(bizId)))
                .Where(c => c.Item2 is not null)
                .Select(c => (c.grain, c.Item2!))
                .ToList()), cancellationToken);

    private static long[] SortedKeys(IEnumerable<long> keys) => keys.Distinct().Order().ToArray();

    /// <summary>A joint turn hands the activations over in ascending key order.</summary>
    private static Dictionary<long, ServiceInstanceGrain> GrainsByKey(long[] sortedKeys, IReadOnlyList<ServiceInstanceGrain> activations) =>
        sortedKeys.Zip(activations).ToDictionary(p => p.First, p => p.Second);

    /// <summary>
    /// The name bk-cmdb gives an instance created without one: the first process's name, plus <c>_</c> and
    /// its first bind port when it has one.
    /// </summary>
    private static string DeriveName(IReadOnlyList<ProcessInput> processes)
    {
        if (processes.Count == 0)
        {
            return "";
        }

        // An invalid first process fails the batch later, in the grain, in API.md's order.
        var first = processes[0].Properties;
        if (first is null)
        {
            return "";
        }

        var port = first.BindInfo is { Count: > 0 } rows ? rows[0].Port : null;
        return port is null ? first.BkProcessName ?? "" : $"{first.BkProcessName}_{port}";
    }

    /// <summary>
    /// Holds the grains, has the callback prepare one change per grain, stores them together and applies
    /// them. On a cluster, a conflict with another node makes every grain reload and the batch be prepared
    /// again, once.
    /// </summary>
    private Task RunAsync(
        IReadOnlyCollection<long> keys,
        Func<IReadOnlyList<ServiceInstanceGrain>, CancellationToken, Task<List<(ServiceInstanceGrain Grain, ServiceInstanceChange Change)>>> prepare,
        CancellationToken cancellationToken) =>
        grains.RunJointTurnAsync<ServiceInstanceGrain, bool>(keys, async (activations, ct) =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, cancellationToken);
            var token = linked.Token;
            await using var writeLock = await store.LockForWriteAsync(keys, token);
            foreach (var activation in activations)
            {
                await activation.RefreshIfSharedAsync(token);
            }

            for (var attempt = 1; ; attempt++)
            {
                var changes = await prepare(activations, token);
                if (changes.Count == 0)
                {
                    return true;
                }

                try
                {
                    await store.CommitAsync(changes.ConvertAll(c => c.Change), token);
                }
                catch (ConcurrencyConflictException) when (attempt == 1 && store.IsShared)
                {
                    foreach (var activation in activations)
                    {
                        await activation.ReloadAsync(token);
                    }

                    continue;
                }
                catch (Exception exception)
                {
                    foreach (var activation in activations)
                    {
                        activation.Abandon();
                    }

                    if (exception is ConcurrencyConflictException)
                    {
                        throw new CmdbException(ErrorCodes.ConcurrentWrite);
                    }

                    throw;
                }

                foreach (var (grain, change) in changes)
                {
                    grain.ApplyCommitted(change);
                }

                return true;
            }
        });
}
