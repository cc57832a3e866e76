using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Gateway.ServiceInstances;

namespace ProcOrleans.Bench.Stateless.ServiceInstances;

/// <summary><c>create_service_instance</c> on the node's ESB route, with its checks in its order.</summary>
public static class ServiceInstanceEndpoints
{
    public static IEndpointRouteBuilder MapStatelessServiceInstanceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEsbGroup().MapEsbPost("create_service_instance", CreateServiceInstance);
        return endpoints;
    }

    public static async Task<IResult> CreateServiceInstance(
        EsbRequest request,
        ServiceInstanceCreation creation,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var ids = await creation.CreateAsync(CreateServiceInstanceRequest.Parse(request, permissions), cancellationToken);
        return EnvelopeResult.Ok(ids);
    }
}
