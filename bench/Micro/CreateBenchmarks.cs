using BenchmarkDotNet.Attributes;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Bench.Micro;

/// <summary>
/// One single-process create through a grain of a real silo, storage excluded, on instances of different
/// sizes: the grain's own cost must not grow with the processes an instance already holds.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(200)]
public class CreateBenchmarks
{
    private BenchSilo _silo = null!;
    private IServiceInstanceGrain _grain = null!;
    private long _instance;
    private int _serial;

    [Params(10, 1000)]
    public int ProcessesHeld { get; set; }

    [GlobalSetup]
    public void StartSilo() => _silo = BenchSilo.StartAsync(new SyntheticStore(ProcessesHeld)).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void StopSilo() => _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void SetUp()
    {
        // A fresh activation per iteration, so the instance holds ProcessesHeld processes plus at most one
        // iteration's creates; its first call (the load and the index) is not measured.
        _grain = _silo.Grains.GetGrain<IServiceInstanceGrain>(++_instance);
        _grain.ListProcessesAsync(1).GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task<long[]> CreateOne()
    {
        var name = $"new-{_serial++}";
        var properties = new ProcessProperties { BkProcessName = name, BkFuncName = name, WorkPath = "/data/app", StartCmd = "./start.sh" };
        return _grain.CreateProcessesAsync(new CreateProcessesCommand(1, [ProcessInput.Valid(properties)]));
    }
}
