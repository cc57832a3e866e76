using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Gateway.ProcessInstances;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Bench.Stateless.ProcessInstances;

/// <summary><c>list_process_instance</c> and <c>create_process_instance</c> on the node's ESB routes, with its checks in its order.</summary>
public static class ProcessInstanceEndpoints
{
    public static IEndpointRouteBuilder MapStatelessProcessInstanceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEsbGroup()
            .MapEsbPost("create_process_instance", CreateProcessInstance)
            .MapEsbPost("list_process_instance", ListProcessInstance);
        return endpoints;
    }

    public static async Task<IResult> CreateProcessInstance(
        EsbRequest request,
        ProcessCreation creation,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var (serviceInstanceId, command) = CreateProcessInstanceRequest.Parse(request, permissions);
        return EnvelopeResult.Ok(await creation.CreateAsync(command.BizId, serviceInstanceId, command.Processes, cancellationToken));
    }

    public static async Task<IResult> ListProcessInstance(
        EsbRequest request,
        ProcessListQuery query,
        ProcessJsonWriter json,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id");
        var serviceInstanceId = request.Body.Int64("service_instance_id");
        if (serviceInstanceId is not > 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "service_instance_id");
        }

        if (bizId is not > 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_biz_id");
        }

        var processes = await query.ListAsync(bizId.Value, serviceInstanceId.Value, cancellationToken);
        return EnvelopeResult.Ok(writer =>
        {
            writer.WriteStartArray();
            foreach (var process in processes)
            {
                json.WriteListItem(writer, process);
            }

            writer.WriteEndArray();
        });
    }
}
