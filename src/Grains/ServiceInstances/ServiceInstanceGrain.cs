using System.Buffers;
using System.Text.Json;
using ProcOrleans.Grains.Abstractions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>
/// Owns one service instance: validates every command against its in-memory process list, takes ids,
/// writes one transaction, and only then changes memory. A failed write drops the activation so the next
/// call reloads from storage.
/// </summary>
public sealed class ServiceInstanceGrain(
    IServiceInstanceStore store,
    IIdAllocator idAllocator,
    TimeProvider clock,
    ProcessJsonWriter jsonWriter) : Grain, IServiceInstanceGrain
{
    private static readonly ReadOnlyMemory<byte> EmptyList = "[]"u8.ToArray();

    private ServiceInstanceState? _state;

    // The list answer, serialised once per state: warm reads then cost a copy, not a serialisation.
    private ReadOnlyMemory<byte>? _listJson;

    // The uniqueness keys of _state's processes, kept across creates so that a create costs the same on an
    // instance of 10 processes as on one of 1,000. Null means "build it from _state when next needed".
    private UniquenessIndex? _uniqueness;

    /// <summary>The current state; null when the instance does not exist.</summary>
    public ServiceInstanceState? State => _state;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await ReloadAsync(cancellationToken);

    public async Task<ReadOnlyMemory<byte>> ListProcessesAsync(long bizId, CancellationToken cancellationToken = default)
    {
        await RefreshIfSharedAsync(cancellationToken);
        if (_state is null)
        {
            // Nothing to keep in memory for an id that does not exist.
            GrainContext.DeactivateOnIdle();
            return EmptyList;
        }

        if (_state.Instance.BizId != bizId)
        {
            return EmptyList;
        }

        return _listJson ??= RenderList(_state.Processes);
    }

    public Task<long[]> CreateProcessesAsync(CreateProcessesCommand command, CancellationToken cancellationToken = default) =>
        CommitCreateWithRetryAsync(async ct =>
        {
            var change = await PrepareCreateProcessesAsync(command, ct);
            return (change, change.InsertedProcesses.Select(p => p.ProcessId).ToArray());
        }, cancellationToken);

    /// <summary>
    /// Builds the change that creates this (not yet existing) instance with its first processes. Part of a
    /// joint turn: the caller commits the changes of every instance of the batch at once, then calls
    /// <see cref="ApplyCommitted"/>.
    /// </summary>
    public async Task<ServiceInstanceChange> PrepareCreateInstanceAsync(
        ServiceInstance instance,
        IReadOnlyList<ProcessInput> processes,
        CancellationToken cancellationToken)
    {
        if (_state is not null)
        {
            throw new ConcurrencyConflictException(GrainKey, "the service instance already exists");
        }

        var inserted = await BuildNewProcessesAsync(
            instance, UniquenessIndex.Create(instance.Id, []), processes, instance.CreateTime, cancellationToken);
        return new ServiceInstanceChange
        {
            ServiceInstanceId = instance.Id,
            ExpectedVersion = 0,
            Instance = instance,
            InsertedProcesses = inserted,
        };
    }

    /// <summary>
    /// Part of an update joint turn: the process if this instance (of this business) holds it, else null.
    /// </summary>
    public ProcessInstance? FindProcess(long bizId, long processId) =>
        _state is { } state && state.Instance.BizId == bizId
            ? state.Processes.FirstOrDefault(p => p.ProcessId == processId)
            : null;

    /// <summary>
    /// Builds the change that replaces the attributes of some of this instance's processes. Uniqueness is
    /// judged on the final list: every replaced process lets its old values go first, so two processes may
    /// swap names in one call. Attribute errors were checked by the caller, in input order.
    /// </summary>
    public ServiceInstanceChange PrepareUpdateProcesses(
        IReadOnlyList<(ProcessInstance Current, ProcessProperties Replacement)> updates,
        DateTimeOffset now)
    {
        var state = _state ?? throw new ConcurrencyConflictException(GrainKey, "the service instance is gone");
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
    /// Builds the change that deletes some of this instance's processes (ids it does not hold are ignored);
    /// when none would be left the instance goes too, as bk-cmdb does. Null when nothing is to change.
    /// </summary>
    public ServiceInstanceChange? PrepareDeleteProcesses(long bizId, IReadOnlySet<long> processIds)
    {
        if (_state is not { } state || state.Instance.BizId != bizId)
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

    /// <summary>The change that deletes this instance and its processes; null when it is absent or another business's.</summary>
    public ServiceInstanceChange? PrepareDeleteInstance(long bizId) =>
        _state is { } state && state.Instance.BizId == bizId
            ? new ServiceInstanceChange { ServiceInstanceId = state.Instance.Id, ExpectedVersion = state.Version, DeleteInstance = true }
            : null;

    /// <summary>Takes a change into memory once storage has it.</summary>
    public void ApplyCommitted(ServiceInstanceChange change)
    {
        // The change was judged on an index of its own (a joint turn): ours no longer matches the state.
        _uniqueness = null;
        Apply(change);
    }

    private void Apply(ServiceInstanceChange change)
    {
        _listJson = null;
        if (change.DeleteInstance)
        {
            _state = null;
            _uniqueness = null;
            GrainContext.DeactivateOnIdle();
            return;
        }

        var instance = change.Instance ?? _state?.Instance
            ?? throw new InvalidOperationException("A change to a missing service instance carries no instance row.");
        var current = _state?.Processes ?? [];
        var processes = new List<ProcessInstance>(current.Count + change.InsertedProcesses.Count);
        if (change.UpdatedProcesses.Count == 0 && change.DeletedProcessIds.Count == 0)
        {
            processes.AddRange(current);
        }
        else
        {
            var updated = change.UpdatedProcesses.ToDictionary(p => p.ProcessId);
            var deleted = change.DeletedProcessIds.ToHashSet();
            foreach (var process in current)
            {
                if (!deleted.Contains(process.ProcessId))
                {
                    processes.Add(updated.GetValueOrDefault(process.ProcessId, process));
                }
            }
        }

        var kept = processes.Count;
        processes.AddRange(change.InsertedProcesses);

        // Ids come from per-node blocks, so a process created on another node may sort before ours; the
        // usual case (new ids above every held one) needs no sort.
        if (!IsAscending(processes, kept))
        {
            processes.Sort(static (a, b) => a.ProcessId.CompareTo(b.ProcessId));
        }

        _state = new ServiceInstanceState(instance, processes, change.NewVersion);
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

    /// <summary>Drops this activation after a joint turn whose write failed: memory may be stale.</summary>
    public void Abandon() => GrainContext.DeactivateOnIdle();

    /// <summary>Reloads from storage when another node may have written since this activation last looked.</summary>
    public async Task RefreshIfSharedAsync(CancellationToken cancellationToken)
    {
        if (!store.IsShared)
        {
            return;
        }

        var stored = await store.GetVersionAsync(GrainKey, cancellationToken);
        if (stored != _state?.Version)
        {
            await ReloadAsync(cancellationToken);
        }
    }

    /// <summary>Reads the state again from storage.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        _listJson = null;
        _uniqueness = null;
        _state = await store.LoadAsync(GrainKey, cancellationToken);
    }

    private async Task<ServiceInstanceChange> PrepareCreateProcessesAsync(CreateProcessesCommand command, CancellationToken cancellationToken)
    {
        var state = _state ?? throw new CmdbException(ErrorCodes.NotFound);
        if (state.Instance.BizId != command.BizId)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_biz_id");
        }

        if (state.Instance.ServiceTemplateId != 0)
        {
            throw new CmdbException(ErrorCodes.TemplateInstanceForbidden);
        }

        var now = CmdbTime.TruncateToMilliseconds(clock.GetUtcNow());
        // The new processes go into the kept index as they are checked; until they are committed the index
        // is ahead of the state, so any failure on the way drops it (see CommitCreateWithRetryAsync).
        _uniqueness ??= UniquenessIndex.Create(state.Instance.Id, state.Processes);
        IReadOnlyList<ProcessInstance> inserted;
        try
        {
            inserted = await BuildNewProcessesAsync(state.Instance, _uniqueness, command.Processes, now, cancellationToken);
        }
        catch
        {
            _uniqueness = null;
            throw;
        }

        return new ServiceInstanceChange
        {
            ServiceInstanceId = state.Instance.Id,
            ExpectedVersion = state.Version,
            InsertedProcesses = inserted,
        };
    }

    private async Task<IReadOnlyList<ProcessInstance>> BuildNewProcessesAsync(
        ServiceInstance instance,
        UniquenessIndex uniqueness,
        IReadOnlyList<ProcessInput> inputs,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // API.md: per process, in input order, its own errors before its duplicate check.
        var properties = new ProcessProperties[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            properties[i] = inputs[i].GetOrThrow();
            uniqueness.Add(properties[i]);
        }

        if (properties.Length == 0)
        {
            return [];
        }

        var ids = await idAllocator.AllocateAsync(IdSequences.ProcessId, properties.Length, cancellationToken);
        var processes = new ProcessInstance[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            processes[i] = new ProcessInstance(
                ids[i],
                instance.Id,
                instance.BizId,
                instance.HostId,
                ProcessTemplateId: 0,
                instance.SupplierAccount,
                properties[i],
                now,
                now);
        }

        return processes;
    }

    /// <summary>
    /// Prepares and commits a change that creates processes; <paramref name="prepare"/> has put them in the kept
    /// uniqueness index, so a commit that fails drops the index with the change.
    /// </summary>
    private async Task<T> CommitCreateWithRetryAsync<T>(
        Func<CancellationToken, Task<(ServiceInstanceChange Change, T Result)>> prepare,
        CancellationToken cancellationToken)
    {
        // On a cluster: wait for other nodes' writers of this instance, then look at what they wrote.
        await using var writeLock = await store.LockForWriteAsync([GrainKey], cancellationToken);
        await RefreshIfSharedAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var (change, result) = await prepare(cancellationToken);
            try
            {
                await store.CommitAsync([change], cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt == 1 && store.IsShared)
            {
                // Another node wrote first: look again and re-check the command against what it wrote.
                await ReloadAsync(cancellationToken);
                continue;
            }
            catch (ConcurrencyConflictException)
            {
                _uniqueness = null;
                GrainContext.DeactivateOnIdle();
                throw new CmdbException(ErrorCodes.ConcurrentWrite);
            }
            catch
            {
                _uniqueness = null;
                GrainContext.DeactivateOnIdle();
                throw;
            }

            Apply(change);
            return result;
        }
    }

    private ReadOnlyMemory<byte> RenderList(IReadOnlyList<ProcessInstance> processes)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (processes.Count * 1024));
        using (var writer = new Utf8JsonWriter(buffer, ProcessJsonWriter.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var process in processes)
            {
                jsonWriter.WriteListItem(writer, process);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenMemory.ToArray();
    }
}
