using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProcOrleans.Grains.Abstractions;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Runtime;

namespace ProcOrleans.Bench.Micro;

/// <summary>Managed bytes per resident process: activations of 10-process instances, each listed once (answer cached).</summary>
internal static class ResidentMemory
{
    public static async Task RunAsync(int instances)
    {
        var store = new SyntheticStore();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:MaxActivations"] = "0",
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IServiceInstanceStore>(store)
            .AddSingleton<IIdAllocator>(store)
            .AddSingleton(new ProcessJsonWriter(TimeZoneInfo.Utc))
            .AddGrainRuntime()
            .AddGrain<IServiceInstanceGrain, ServiceInstanceGrain>()
            .BuildServiceProvider();
        var grains = services.GetRequiredService<IGrainFactory>();

        // Warm the code paths first so that JIT and statics are not counted.
        await grains.GetGrain<IServiceInstanceGrain>(-1).ListProcessesAsync(1);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var id = 1; id <= instances; id++)
        {
            await grains.GetGrain<IServiceInstanceGrain>(id).ListProcessesAsync(1);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perProcess = (after - before) / (double)(instances * 10);
        Console.WriteLine($"instances={instances} processes={instances * 10} managed_bytes={after - before} bytes_per_process={perProcess:F0} " +
            $"activations={services.GetRequiredService<GrainRuntime>().ActivationCount}");
    }
}
