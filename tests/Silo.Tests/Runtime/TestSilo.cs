using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcOrleans.Silo.Runtime;
using ProcOrleans.Silo.Tests.Runtime.TestGrains;

namespace ProcOrleans.Silo.Tests.Runtime;

/// <summary>A grain runtime built the way the host builds it, on fake time, with the test grains registered.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    /// <summary>How long a test waits for something that should happen at once; only a guard against hangs.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private TestSilo(ServiceProvider services)
    {
        Services = services;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Probe = services.GetRequiredService<GrainProbe>();
        Time = services.GetRequiredService<FakeTimeProvider>();
    }

    public ServiceProvider Services { get; }

    public GrainRuntime Runtime { get; }

    public GrainProbe Probe { get; }

    public FakeTimeProvider Time { get; }

    public SiloOptions Options => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiloOptions>>().Value;

    public static TestSilo Create(Action<SiloOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        var time = new FakeTimeProvider();
        services.AddSingleton(time);
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<GrainProbe>();
        services.AddGrainRuntime();
        services.AddGrain<ICounterGrain, CounterGrain>();
        services.AddGrain<IGatedGrain, GatedGrain>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new TestSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    public ICounterGrain Counter(long key) => Runtime.GetGrain<ICounterGrain>(key);

    public IGatedGrain Gated(long key) => Runtime.GetGrain<IGatedGrain>(key);

    /// <summary>Waits until <paramref name="condition"/> holds, for work the runtime finishes in the background.</summary>
    public static async Task EventuallyAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (!condition())
        {
            await Task.Delay(10, guard.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Probe.ReleaseAll();
        // Disposal deactivates everything; a runtime left wedged by a failing test must fail it, not hang the run.
        await Services.DisposeAsync().AsTask().WaitAsync(HangGuard);
    }
}
