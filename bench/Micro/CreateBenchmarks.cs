using BenchmarkDotNet.Attributes;
using ProcOrleans.Grains.Abstractions;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Bench.Micro;

/// <summary>
/// One single-process create through the grain, storage excluded, on instances of different sizes: the
/// grain's own cost must not grow with the processes an instance already holds.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(200)]
public class CreateBenchmarks
{
    private ServiceInstanceGrain _grain = null!;
    private GrowingStore _store = null!;
    private int _serial;

    [Params(10, 1000)]
    public int ProcessesHeld { get; set; }

    [IterationSetup]
    public void SetUp()
    {
        // A fresh activation per iteration, so the instance holds ProcessesHeld processes plus at most one
        // iteration's creates.
        _store = new GrowingStore(ProcessesHeld);
        _grain = new ServiceInstanceGrain(_store, _store, TimeProvider.System, new ProcessJsonWriter(TimeZoneInfo.Utc));
        _grain.BindContext(new BenchGrainContext(1));
        _grain.OnActivateAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task<long[]> CreateOne()
    {
        var name = $"new-{_serial++}";
        var properties = new ProcessProperties { BkProcessName = name, BkFuncName = name, WorkPath = "/data/app", StartCmd = "./start.sh" };
        return _grain.CreateProcessesAsync(new CreateProcessesCommand(1, [ProcessInput.Valid(properties)]));
    }

    private sealed class BenchGrainContext(long key) : IGrainContext
    {
        public long Key => key;

        public void DeactivateOnIdle()
        {
        }
    }

    /// <summary>Loads an instance of <c>held</c> processes; commits succeed at once.</summary>
    private sealed class GrowingStore(int held) : IServiceInstanceStore, IIdAllocator
    {
        private long _nextId = 10_000_000;

        public bool IsShared => false;

        public Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken)
        {
            var time = DateTimeOffset.UnixEpoch.AddDays(20000);
            var instance = new ServiceInstance(serviceInstanceId, "svc", 1, 1, 1, 0, null, "bench", "bench", time, time, "0");
            var processes = Enumerable.Range(0, held)
                .Select(i => new ProcessInstance(i + 1, serviceInstanceId, 1, 1, 0, "0", SyntheticStore.Properties(i), time, time))
                .ToList();
            return Task.FromResult<ServiceInstanceState?>(new ServiceInstanceState(instance, processes, 1));
        }

        public Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken) => Task.FromResult<long?>(1);

        public Task<IAsyncDisposable?> LockForWriteAsync(IReadOnlyCollection<long> serviceInstanceIds, CancellationToken cancellationToken) =>
            Task.FromResult<IAsyncDisposable?>(null);

        public Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask<long[]> AllocateAsync(string sequence, int count, CancellationToken cancellationToken)
        {
            var ids = new long[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = _nextId++;
            }

            return ValueTask.FromResult(ids);
        }
    }
}
