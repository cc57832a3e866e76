using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Tests.ServiceInstances;

/// <summary>A store in memory that can be told to fail, for grain tests. Calls come from grains on one silo, one at a time or not.</summary>
internal sealed class InMemoryStore : IServiceInstanceStore, IIdAllocator, IMemoryLease
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, ServiceInstanceState> _rows = [];
    private long _nextId = 1_000_000;

    /// <summary>Whether grains must treat the store as written by other silos too.</summary>
    public bool IsShared { get; set; }

    /// <summary>The silo's lease on memory, as grains see it.</summary>
    public bool IsHeld { get; set; } = true;

    /// <summary>How many times a grain loaded a state.</summary>
    public int Loads { get; private set; }

    public int Commits { get; private set; }

    /// <summary>Thrown by the next commits, one per commit, then cleared.</summary>
    public Queue<Exception> CommitFailures { get; } = new();

    /// <summary>Run before the next commit is checked, to model another node writing first.</summary>
    public Action<InMemoryStore>? BeforeNextCommit { get; set; }

    public IReadOnlyDictionary<long, ServiceInstanceState> Rows => _rows;

    public Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Loads++;
            return Task.FromResult(_rows.GetValueOrDefault(serviceInstanceId));
        }
    }

    public Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue(serviceInstanceId, out var state) ? state.Version : (long?)null);

    public Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Commit(changes);
        }
    }

    private Task Commit(IReadOnlyList<ServiceInstanceChange> changes)
    {
        var hook = BeforeNextCommit;
        BeforeNextCommit = null;
        hook?.Invoke(this);
        if (CommitFailures.TryDequeue(out var failure))
        {
            throw failure;
        }

        var staged = new Dictionary<long, ServiceInstanceState>(_rows);
        foreach (var change in changes)
        {
            var current = staged.GetValueOrDefault(change.ServiceInstanceId);
            if ((current?.Version ?? 0) != change.ExpectedVersion)
            {
                throw new ConcurrencyConflictException(change.ServiceInstanceId, "version");
            }

            if (change.DeleteInstance)
            {
                staged.Remove(change.ServiceInstanceId);
                continue;
            }

            var processes = (current?.Processes ?? [])
                .Where(p => !change.DeletedProcessIds.Contains(p.ProcessId))
                .Select(p => change.UpdatedProcesses.FirstOrDefault(u => u.ProcessId == p.ProcessId) ?? p)
                .Concat(change.InsertedProcesses)
                .OrderBy(p => p.ProcessId)
                .ToList();
            staged[change.ServiceInstanceId] = new ServiceInstanceState(
                change.Instance ?? current!.Instance, processes, change.NewVersion);
        }

        _rows.Clear();
        foreach (var (key, value) in staged)
        {
            _rows[key] = value;
        }

        Commits++;
        return Task.CompletedTask;
    }

    public void Put(ServiceInstanceState state)
    {
        lock (_gate)
        {
            _rows[state.Instance.Id] = state;
        }
    }

    public ValueTask<long[]> AllocateAsync(string sequence, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var ids = Enumerable.Range(0, count).Select(i => _nextId + i).ToArray();
            _nextId += count;
            return ValueTask.FromResult(ids);
        }
    }
}
