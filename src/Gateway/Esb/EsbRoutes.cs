namespace ProcOrleans.Gateway.Esb;

/// <summary>Maps ESB API names under <c>/api/c/compapi/v2/cc/</c>, with and without the trailing slash.</summary>
public static class EsbRoutes
{
    public const string Prefix = "/api/c/compapi/v2/cc";

    /// <summary>The route group every ESB API lives in.</summary>
    public static RouteGroupBuilder MapEsbGroup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup(Prefix).DisableAntiforgery();

    /// <summary>Maps one API name to a POST handler; routing matches <c>name</c> and <c>name/</c> alike.</summary>
    public static RouteGroupBuilder MapEsbPost(this RouteGroupBuilder group, string apiName, Delegate handler)
    {
        group.MapPost(apiName, handler).WithName(apiName).WithMetadata(new EsbApi(apiName)).WithTags("esb");
        return group;
    }
}
