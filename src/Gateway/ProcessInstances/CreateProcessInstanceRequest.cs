using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Gateway.ProcessInstances;

/// <summary>
/// A <c>create_process_instance</c> body turned into the instance it targets and its command, with API.md's
/// checks 1-5 in their order. Public so that any front door of these APIs checks exactly as the gateway does.
/// </summary>
public static class CreateProcessInstanceRequest
{
    public static (long ServiceInstanceId, CreateProcessesCommand Command) Parse(EsbRequest request, PermissionChecker permissions)
    {
        // 1. typed fields of the wrong JSON type
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var serviceInstanceId = request.Body.Int64("service_instance_id") ?? 0;
        var processes = request.Body.Array("processes");

        // 2, 3. the batch's size
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

        // 4. permission
        permissions.Demand(request.Caller, PermissionActions.EditServiceInstance, bizId);

        // 5. an id that cannot exist needs no grain
        if (serviceInstanceId <= 0)
        {
            throw new CmdbException(ErrorCodes.NotFound);
        }

        // 6-8 happen where the instance is, against its state; parsing happens here, outside its turn.
        var inputs = new ProcessInput[count];
        var i = 0;
        foreach (var item in processes!.Value.EnumerateArray())
        {
            inputs[i++] = ProcessInputParser.ParseCreateItem(item, limits.ProcessLimits);
        }

        return (serviceInstanceId, new CreateProcessesCommand(bizId, inputs));
    }
}
