using System.Buffers;
using System.Text.Json;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>
/// Owns one service instance: validates every command against its in-memory process list, takes ids,
/// writes one transaction conditional on the version it holds, and only then changes memory. A failed
/// write drops the activation so the next call reloads from storage.
/// </summary>
public sealed class ServiceInstanceGrain(
    IServiceInstanceStore store,
    IIdAllocator idAllocator,
    TimeProvider clock,
    ProcessJsonWriter jsonWriter,
    IMemoryLease lease) : Grain, IServiceInstanceGrain, IServiceInstanceParticipant
{
    private static readonly Immutable<byte[]> EmptyList = new("[]"u8.ToArray());

    // Loaded on first use rather than on activation, so that a coordinator handing over a just-created
    // instance costs no read.
    private bool _loaded;

    private ServiceInstanceState? _state;

    // The list answer, serialised once per state: warm reads then cost nothing but the envelope.
    private Immutable<byte[]>? _listJson;

    // The uniqueness keys of _state's processes, kept across creates so that a create costs the same on an
    // instance of 10 processes as on one of 1,000. Null means "build it from _state when next needed".
    private UniquenessIndex? _uniqueness;

    private long Key => this.GetPrimaryKeyLong();

    public async Task<Immutable<byte[]>> ListProcessesAsync(long bizId)
    {
        await EnsureCurrentAsync(CancellationToken.None);
        if (_state is null)
        {
            // Nothing to keep in memory for an id that does not exist.
            DeactivateOnIdle();
            return EmptyList;
        }

        if (_state.Instance.BizId != bizId)
        {
            return EmptyList;
        }

        return _listJson ??= new Immutable<byte[]>(RenderList(_state.Processes));
    }

    public async Task<long[]> CreateProcessesAsync(CreateProcessesCommand command, CancellationToken cancellationToken = default)
    {
        await EnsureCurrentAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var change = await PrepareCreateProcessesAsync(command, cancellationToken);
            try
            {
                await store.CommitAsync([change], cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt == 1 && store.IsShared)
            {
                // Another writer got there first (a batch, or an activation this one superseded): look
                // again and judge the command against what it wrote.
                await ReloadAsync(cancellationToken);
                continue;
            }
            catch (ConcurrencyConflictException)
            {
                Forget();
                throw new CmdbException(ErrorCodes.ConcurrentWrite);
            }
            catch
            {
                Forget();
                throw;
            }

            Take(change);
            return [.. change.InsertedProcesses.Select(p => p.ProcessId)];
        }
    }

    async Task<ServiceInstanceState?> IServiceInstanceParticipant.GetStateAsync(bool reload, CancellationToken cancellationToken)
    {
        if (reload)
        {
            await ReloadAsync(cancellationToken);
        }
        else
        {
            await EnsureCurrentAsync(cancellationToken);
        }

        return _state;
    }

    async Task IServiceInstanceParticipant.ApplyAsync(ServiceInstanceChange change)
    {
        if (!_loaded)
        {
            if (change.ExpectedVersion == 0 && !change.DeleteInstance)
            {
                // Just created by the coordinator, and nobody has looked at it since: the change is the state.
                _loaded = true;
                Take(change);
            }

            // Otherwise nothing is held that could be stale: the first call loads what storage has.
            return;
        }

        var held = _state?.Version ?? 0;
        if (held == change.ExpectedVersion)
        {
            _uniqueness = null;
            Take(change);
        }
        else if (held < change.NewVersion)
        {
            // Memory missed a change (or holds another activation's past): storage has the truth.
            await ReloadAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Loads on first use; later, confirms the version with storage while the silo's lease on memory is not
    /// held, and reloads when another writer has moved it on.
    /// </summary>
    private async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            await ReloadAsync(cancellationToken);
            return;
        }

        if (store.IsShared && !lease.IsHeld)
        {
            var stored = await store.GetVersionAsync(Key, cancellationToken);
            if (stored != _state?.Version)
            {
                await ReloadAsync(cancellationToken);
            }
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        _listJson = null;
        _uniqueness = null;
        _loaded = false;
        _state = await store.LoadAsync(Key, cancellationToken);
        _loaded = true;
    }

    /// <summary>After a failed write memory may be ahead of or behind storage: drop it all.</summary>
    private void Forget()
    {
        _uniqueness = null;
        _listJson = null;
        _loaded = false;
        DeactivateOnIdle();
    }

    private void Take(ServiceInstanceChange change)
    {
        _listJson = null;
        _state = ServiceInstanceChanges.Apply(_state, change);
        if (_state is null)
        {
            _uniqueness = null;
            DeactivateOnIdle();
        }
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
        // is ahead of the state, so any failure on the way drops it.
        _uniqueness ??= UniquenessIndex.Create(state.Instance.Id, state.Processes);
        try
        {
            return await ServiceInstanceChanges.CreateProcessesAsync(
                state.Instance, state.Version, _uniqueness, command.Processes, now, idAllocator, cancellationToken);
        }
        catch
        {
            _uniqueness = null;
            throw;
        }
    }

    private byte[] RenderList(IReadOnlyList<ProcessInstance> processes)
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

        return buffer.WrittenSpan.ToArray();
    }
}
