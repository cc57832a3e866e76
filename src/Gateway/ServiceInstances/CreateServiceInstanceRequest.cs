using System.Text;
using System.Text.Json;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Gateway.ServiceInstances;

/// <summary>
/// A <c>create_service_instance</c> body turned into a command, with API.md's checks in their order: types,
/// size, permission, then each instance in input order. Public so that any front door of these APIs checks
/// exactly as the gateway does.
/// </summary>
public static class CreateServiceInstanceRequest
{
    public static CreateServiceInstancesCommand Parse(EsbRequest request, PermissionChecker permissions)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var moduleId = request.Body.Int64("bk_module_id") ?? 0;
        var instances = request.Body.Array("instances");

        var count = instances?.GetArrayLength() ?? 0;
        if (count == 0)
        {
            throw new CmdbException(ErrorCodes.ParamMissing, "instances");
        }

        var limits = request.Limits;
        if (count > limits.InstancesPerCall)
        {
            throw new CmdbException(ErrorCodes.ExceedLimit, "create service instances", limits.InstancesPerCall);
        }

        permissions.Demand(request.Caller, PermissionActions.CreateServiceInstance, bizId);

        if (bizId <= 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_biz_id");
        }

        if (moduleId <= 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_module_id");
        }

        var parsed = new List<NewServiceInstance>(count);
        foreach (var item in instances!.Value.EnumerateArray())
        {
            parsed.Add(ParseInstance(item, limits));
        }

        return new CreateServiceInstancesCommand(bizId, moduleId, parsed, request.Caller.User, request.Caller.SupplierAccount);
    }

    private static NewServiceInstance ParseInstance(JsonElement item, EsbLimits limits)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "instances");
        }

        var body = new EsbBody(item);
        long hostId;
        try
        {
            hostId = body.Int64("bk_host_id") ?? 0;
        }
        catch (CmdbException e) when (e.Code == ErrorCodes.JsonDecode)
        {
            throw new CmdbException(ErrorCodes.NotInteger, "bk_host_id");
        }

        if (hostId <= 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_host_id");
        }

        string? name = null;
        if (item.TryGetProperty("service_instance_name", out var nameElement) && nameElement.ValueKind != JsonValueKind.Null)
        {
            if (nameElement.ValueKind != JsonValueKind.String)
            {
                throw new CmdbException(ErrorCodes.NotString, "service_instance_name");
            }

            name = nameElement.GetString()!.Trim();
            if (Encoding.UTF8.GetByteCount(name) > limits.ShortStringBytes)
            {
                throw new CmdbException(ErrorCodes.OutOfBounds, "service_instance_name");
            }

            if (name.Length == 0)
            {
                name = null;
            }
        }

        var processes = new List<ProcessInput>();
        if (item.TryGetProperty("processes", out var processArray) && processArray.ValueKind != JsonValueKind.Null)
        {
            if (processArray.ValueKind != JsonValueKind.Array)
            {
                throw new CmdbException(ErrorCodes.ParamInvalid, "processes");
            }

            if (processArray.GetArrayLength() > limits.ProcessesPerCall)
            {
                throw new CmdbException(ErrorCodes.ExceedLimit, "create process instances", limits.ProcessesPerCall);
            }

            foreach (var process in processArray.EnumerateArray())
            {
                processes.Add(ProcessInputParser.ParseCreateItem(process, limits.ProcessLimits));
            }
        }

        return new NewServiceInstance(hostId, name, processes);
    }
}
