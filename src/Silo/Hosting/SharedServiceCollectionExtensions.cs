using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Silo.Diagnostics;

namespace ProcOrleans.Silo.Hosting;

/// <summary>What silos and gateways both need, whether they share a host or not.</summary>
public static class SharedServiceCollectionExtensions
{
    /// <summary>The clock, the answers' time zone (<c>Time:Zone</c>) and writer, and the service's meter.</summary>
    public static IServiceCollection AddProcOrleansShared(this IServiceCollection services)
    {
        services.AddOptions<TimeOptions>().BindConfiguration(TimeOptions.SectionName)
            .Validate(ValidZone, "Time:Zone is not a known time zone id.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ProcessJsonWriter(sp.GetRequiredService<IOptions<TimeOptions>>().Value.ResolveZone()));
        services.AddMetrics();
        services.TryAddSingleton<ProcOrleansMetrics>();
        return services;
    }

    private static bool ValidZone(TimeOptions options)
    {
        try
        {
            options.ResolveZone();
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
