using ProcOrleans.Grains.References;
using ProcOrleans.Silo.Hosting;

namespace ProcOrleans.Gateway.Health;

/// <summary><c>/healthz</c>: the process is up. <c>/readyz</c>: a silo answers, and its storage is reachable and migrated.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok")).ExcludeFromDescription();
        endpoints.MapGet("/readyz", Ready).ExcludeFromDescription();
        return endpoints;
    }

    public static Task<IResult> Ready(ServiceGrains grains, CancellationToken cancellationToken) =>
        Readiness.AnswerAsync(_ => grains.Queries.IsStorageReadyAsync(), cancellationToken);
}
