namespace ProcOrleans.Gateway.Observability;

/// <summary><c>/metrics</c>: every meter the node collects, in the Prometheus text format.</summary>
public static class ObservabilityApi
{
    public static IEndpointRouteBuilder MapObservabilityApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, LegacyMetricNames.Use, optionsName: null)
            .ExcludeFromDescription();
        return endpoints;
    }
}
