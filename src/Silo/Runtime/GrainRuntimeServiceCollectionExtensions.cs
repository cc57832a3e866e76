using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Silo.Runtime;

/// <summary>Registers the grain runtime and the grains it hosts.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime (also as <see cref="IGrainFactory"/>), its options from the <c>Silo</c>
    /// section, and the hosted service that collects idle activations and deactivates all on shutdown.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.AddOptions<SiloOptions>()
            .BindConfiguration(SiloOptions.SectionName)
            .Validate(o => o.CallTimeout > TimeSpan.Zero, "Silo:CallTimeout must be positive.")
            .Validate(o => o.CollectionAge > TimeSpan.Zero, "Silo:CollectionAge must be positive.")
            .Validate(o => o.CollectionInterval > TimeSpan.Zero, "Silo:CollectionInterval must be positive.")
            .Validate(o => o.MaxActivations >= 0, "Silo:MaxActivations must be zero (no cap) or positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GrainRuntime(
            sp,
            sp.GetServices<GrainRegistration>(),
            sp.GetRequiredService<IOptions<SiloOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GrainRuntime>>()));
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, GrainCollectionService>());
        return services;
    }

    /// <summary>Maps a grain interface to the class whose activations serve it.</summary>
    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services)
        where TInterface : class, IGrainWithIntegerKey
        where TGrain : Grain, TInterface
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TGrain)));
        return services;
    }
}
