namespace ProcOrleans.Gateway.Observability;

/// <summary><c>/metrics</c>: the <c>ProcOrleans</c> meter for Prometheus scrapers.</summary>
public static class ObservabilityApi
{
    public static IEndpointRouteBuilder MapObservabilityApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", (PrometheusExporter exporter) =>
                Results.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8"))
            .ExcludeFromDescription();
        return endpoints;
    }
}
