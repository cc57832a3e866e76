using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace ProcOrleans.Gateway.Dashboard;

/// <summary>
/// <c>/dashboard</c>: the Orleans dashboard (silos, grain counts, calls) of the silo this node co-hosts,
/// behind its credential when one is configured.
/// </summary>
public static class DashboardApi
{
    public const string Path = "/dashboard";

    /// <summary>Whether this node serves the dashboard: enabled, and a silo of its own to show.</summary>
    public static bool IsServed(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DashboardSettings>>().Value.IsEnabled(services.GetRequiredService<IHostEnvironment>())
        && services.GetService<DashboardHosted>() is not null;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        if (IsServed(endpoints.ServiceProvider))
        {
            endpoints.MapOrleansDashboard(Path)
                .AddEndpointFilter<DashboardCredential>()
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    /// <summary>Marks a node whose silo has the dashboard's services.</summary>
    internal sealed class DashboardHosted;
}
