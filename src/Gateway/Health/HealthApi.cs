using ProcOrleans.Grains.References;

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

    public static async Task<IResult> Ready(ServiceGrains grains, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        bool ready;
        try
        {
            ready = await grains.Queries.IsStorageReadyAsync().WaitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ready = false;
        }

        return ready
            ? Results.Text("ready")
            : Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
