using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.References;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Gateway.ProcessInstances;

/// <summary>The process instance APIs of the ESB dialect.</summary>
public static class ProcessInstanceApi
{
    public static IEndpointRouteBuilder MapProcessInstanceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEsbGroup()
            .MapEsbPost("create_process_instance", CreateProcessInstance)
            .MapEsbPost("list_process_instance", ListProcessInstance)
            .MapEsbPost("update_process_instance", UpdateProcessInstance)
            .MapEsbPost("delete_process_instance", DeleteProcessInstance)
            .MapEsbPost("list_process_detail_by_ids", ListProcessDetailByIds);
        return endpoints;
    }

    /// <summary>API.md "create_process_instance": checks in the documented order, first failure wins.</summary>
    public static async Task<IResult> CreateProcessInstance(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var (serviceInstanceId, command) = CreateProcessInstanceRequest.Parse(request, permissions);
        var ids = await grains.Instance(serviceInstanceId)
            .CreateProcessesAsync(command, cancellationToken);
        return EnvelopeResult.Ok(ids);
    }

    /// <summary>API.md "list_process_instance": no permission needed to read.</summary>
    public static async Task<IResult> ListProcessInstance(EsbRequest request, ServiceGrains grains)
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

        var data = await grains.Instance(serviceInstanceId.Value).ListProcessesAsync(bizId.Value);
        return EnvelopeResult.Ok(data.Value);
    }

    /// <summary>
    /// Replaces the attributes of processes (flat maps carrying <c>bk_process_id</c>), possibly across
    /// instances, all or nothing. bk-cmdb's order: types, size, permission, ids, existence in the business
    /// (1199011 naming the missing ids), then the grains' checks. A repeated id keeps its last item.
    /// </summary>
    public static async Task<IResult> UpdateProcessInstance(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var processes = request.Body.Array("processes");
        var count = processes?.GetArrayLength() ?? 0;
        if (count == 0)
        {
            // bk-cmdb answers an empty update with an empty success.
            return EnvelopeResult.Ok(Array.Empty<long>());
        }

        var limits = request.Limits;
        if (count > limits.ProcessesPerCall)
        {
            throw new CmdbException(ErrorCodes.ExceedLimit, "update process instances", limits.ProcessesPerCall);
        }

        permissions.Demand(request.Caller, PermissionActions.EditServiceInstance, bizId);

        var items = new List<(long ProcessId, System.Text.Json.JsonElement Item)>(count);
        foreach (var item in processes!.Value.EnumerateArray())
        {
            if (item.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new CmdbException(ErrorCodes.JsonDecode);
            }

            var processId = new EsbBody(item).Int64(ProcessKeys.ProcessId) ?? 0;
            if (processId <= 0)
            {
                throw new CmdbException(ErrorCodes.ParamInvalid, ProcessKeys.ProcessId);
            }

            items.Add((processId, item));
        }

        var order = items.Select(i => i.ProcessId).Distinct().ToArray();
        var owners = await OwnersInBusinessAsync(grains, bizId, order);
        var missing = order.Where(id => !owners.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw ProcessErrors.NotInBusiness(missing);
        }

        var last = items.ToDictionary(i => i.ProcessId, i => i.Item);
        var updates = order.Select(id => new ProcessUpdate(id, ProcessInputParser.ParseProperties(last[id], limits.ProcessLimits))).ToArray();
        var ids = await grains.Batches.UpdateProcessesAsync(new UpdateProcessesCommand(bizId, updates, owners), cancellationToken);
        return EnvelopeResult.Ok(ids);
    }

    /// <summary>
    /// Deletes processes, possibly across instances, all or nothing; an instance left without processes is
    /// deleted too. Unknown ids and another business's ids are not touched.
    /// </summary>
    public static async Task<IResult> DeleteProcessInstance(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var ids = request.Body.Int64Array("process_instance_ids", request.Limits.IdsPerCall, "delete process instances");
        if (ids is not { Length: > 0 })
        {
            throw new CmdbException(ErrorCodes.Unassigned, ProcessKeys.ProcessId);
        }

        permissions.Demand(request.Caller, PermissionActions.EditServiceInstance, bizId);
        var distinct = ids.Distinct().ToArray();
        var owners = await OwnersInBusinessAsync(grains, bizId, distinct);
        await grains.Batches.DeleteProcessesAsync(new DeleteProcessesCommand(bizId, distinct, owners), cancellationToken);
        return EnvelopeResult.OkNull();
    }

    /// <summary>The <c>property</c> objects of a business's processes, by id; <c>fields</c> picks the keys.</summary>
    public static async Task<IResult> ListProcessDetailByIds(
        EsbRequest request,
        ServiceGrains grains,
        ProcessJsonWriter json)
    {
        var bizId = request.Body.Int64("bk_biz_id");
        var ids = request.Body.Int64Array("bk_process_ids", request.Limits.IdsPerCall, "bk_process_ids");
        var fields = ReadFields(request.Body);
        if (bizId is not > 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, ProcessKeys.BizId);
        }

        if (ids is not { Length: > 0 })
        {
            throw new CmdbException(ErrorCodes.Unassigned, "bk_process_ids");
        }

        var found = await grains.Queries.GetProcessesAsync([.. ids.Distinct()]);
        return EnvelopeResult.Ok(writer =>
        {
            writer.WriteStartArray();
            foreach (var process in found.Where(p => p.BizId == bizId))
            {
                json.WriteProperty(writer, process, fields);
            }

            writer.WriteEndArray();
        });
    }

    private static HashSet<string>? ReadFields(EsbBody body)
    {
        if (body.Array("fields") is not { } array || array.GetArrayLength() == 0)
        {
            return null;
        }

        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in array.EnumerateArray())
        {
            fields.Add(field.ValueKind == System.Text.Json.JsonValueKind.String
                ? field.GetString()!
                : throw new CmdbException(ErrorCodes.JsonDecode));
        }

        return fields;
    }

    /// <summary>Which instance holds each process, for the processes of this business only.</summary>
    private static async Task<Dictionary<long, long>> OwnersInBusinessAsync(ServiceGrains grains, long bizId, long[] processIds)
    {
        var found = await grains.Queries.GetProcessesAsync(processIds);
        return found.Where(p => p.BizId == bizId).ToDictionary(p => p.ProcessId, p => p.ServiceInstanceId);
    }
}
