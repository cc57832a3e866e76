using BenchmarkDotNet.Running;
using ProcOrleans.Bench.Micro;

// `memory [instances]`: bytes per resident process through the real grain runtime.
// Anything else: the BenchmarkDotNet hot-path benchmarks (e.g. `--filter *`).
if (args is ["memory", ..])
{
    await ResidentMemory.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);
