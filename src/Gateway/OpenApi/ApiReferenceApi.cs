using Scalar.AspNetCore;

namespace ProcOrleans.Gateway.OpenApi;

/// <summary><c>/docs</c>: the API reference (Scalar) over <c>/openapi/v1.json</c>, from which a request can be sent.</summary>
public static class ApiReferenceApi
{
    public static IEndpointRouteBuilder MapApiReferenceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        endpoints.MapScalarApiReference("/docs", options => options
                .WithTitle("ProcOrleans API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .ExcludeFromDescription();
        return endpoints;
    }
}
