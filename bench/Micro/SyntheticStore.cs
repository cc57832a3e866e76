using System.Text.Json;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Bench.Micro;

/// <summary>
/// A store that makes up each instance on load (<c>processesPerInstance</c> processes, strings freshly allocated
/// as if read from a database); commits succeed at once, and new ids sort after every made-up one.
/// </summary>
internal sealed class SyntheticStore(int processesPerInstance = 10) : IServiceInstanceStore, IIdAllocator, IMemoryLease
{
    private long _nextId = 1L << 40;

    public bool IsShared => false;

    public bool IsHeld => true;

    public static ProcessProperties Properties(int i)
    {
        using var document = JsonDocument.Parse($$"""
            {"bk_process_name": "p{{i}}", "bk_func_name": "p{{i}}", "work_path": "/data/app", "start_cmd": "./start.sh",
             "timeout": 30, "proc_num": 1, "priority": 1, "bind_info": [{"enable": true, "ip": "127.0.0.1", "port": "8080", "protocol": "1"}]}
            """);
        return ProcessInputParser.ParseProperties(document.RootElement).GetOrThrow();
    }

    public Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken)
    {
        var time = DateTimeOffset.UnixEpoch.AddDays(20000);
        var instance = new ServiceInstance(serviceInstanceId, $"svc-{serviceInstanceId}", 1, 1, serviceInstanceId, 0, null, "bench", "bench", time, time, "0");
        var processes = Enumerable.Range(0, processesPerInstance)
            .Select(i => new ProcessInstance((serviceInstanceId * processesPerInstance) + i, serviceInstanceId, 1, serviceInstanceId, 0, "0", Properties(i), time, time))
            .ToList();
        return Task.FromResult<ServiceInstanceState?>(new ServiceInstanceState(instance, processes, 1));
    }

    public Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken) => Task.FromResult<long?>(1);


    public Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask<long[]> AllocateAsync(string sequence, int count, CancellationToken cancellationToken)
    {
        var first = Interlocked.Add(ref _nextId, count) - count;
        return ValueTask.FromResult(Enumerable.Range(0, count).Select(i => first + i).ToArray());
    }
}
