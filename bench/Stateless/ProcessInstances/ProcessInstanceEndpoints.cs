using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
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
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var serviceInstanceId = request.Body.Int64("service_instance_id") ?? 0;
        var processes = request.Body.Array("processes");
        var count = processes?.GetArrayLength() ?? 0;
        if (count == 0)
        {
            throw new CmdbException(ErrorCodes.ParamMissing, "not set processes");
        }

        var limits = request.Limits;
        if (count > limits.ProcessesPerCall)
        {
            throw new CmdbException(ErrorCodes.ExceedLimit, "create process instances", limits.ProcessesPerCall);
        }

        permissions.Demand(request.Caller, PermissionActions.EditServiceInstance, bizId);
        if (serviceInstanceId <= 0)
        {
            throw new CmdbException(ErrorCodes.NotFound);
        }

        var inputs = new ProcessInput[count];
        var i = 0;
        foreach (var item in processes!.Value.EnumerateArray())
        {
            inputs[i++] = ProcessInputParser.ParseCreateItem(item, limits.ProcessLimits);
        }

        return EnvelopeResult.Ok(await creation.CreateAsync(bizId, serviceInstanceId, inputs, cancellationToken));
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
