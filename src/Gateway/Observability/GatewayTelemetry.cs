using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ProcOrleans.Silo.Diagnostics;

namespace ProcOrleans.Gateway.Observability;

/// <summary>A node's OpenTelemetry: the shared metrics and traces, ASP.NET Core's, and the Prometheus scrape endpoint.</summary>
public static class GatewayTelemetry
{
    public const string ServiceName = "ProcOrleans.Gateway";

    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProcOrleansTelemetry(configuration, ServiceName)
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter(ConfigurePrometheus))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => IsTraced(context.Request.Path)));
        return services;
    }

    /// <summary>Probes, scrapes and the dashboard's polling are not requests anybody wants a trace of.</summary>
    internal static bool IsTraced(PathString path) =>
        !path.StartsWithSegments("/metrics") && !path.StartsWithSegments("/healthz") &&
        !path.StartsWithSegments("/readyz") && !path.StartsWithSegments("/dashboard");

    private static void ConfigurePrometheus(PrometheusAspNetCoreOptions options)
    {
        // Every scrape sees the calls answered before it.
        options.ScrapeResponseCacheDurationMilliseconds = 0;
        // Series keep the labels they always had; the meter is in the metric's name already.
        options.ScopeInfoEnabled = false;
    }
}
