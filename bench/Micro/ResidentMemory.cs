using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Bench.Micro;

/// <summary>Managed bytes per resident process: activations of 10-process instances on a real silo, each listed once (answer cached).</summary>
internal static class ResidentMemory
{
    public static async Task RunAsync(int instances)
    {
        await using var silo = await BenchSilo.StartAsync(new SyntheticStore());
        var grains = silo.Grains;

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
            $"activations={silo.Services.GetRequiredService<IActivationWorkingSet>().Count}");
    }
}
