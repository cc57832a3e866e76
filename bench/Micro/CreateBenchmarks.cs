using BenchmarkDotNet.Attributes;
using ProcOrleans.Grains.Abstractions;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;

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
    private int _serial;

    [Params(10, 1000)]
    public int ProcessesHeld { get; set; }

    [IterationSetup]
    public void SetUp()
    {
        // A fresh activation per iteration, so the instance holds ProcessesHeld processes plus at most one
        // iteration's creates.
        var store = new SyntheticStore(ProcessesHeld);
        _grain = new ServiceInstanceGrain(store, store, TimeProvider.System, new ProcessJsonWriter(TimeZoneInfo.Utc));
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
}
