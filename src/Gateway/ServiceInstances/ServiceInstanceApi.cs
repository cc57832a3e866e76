using System.Text.Json;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.References;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Gateway.ServiceInstances;

/// <summary>The service instance APIs of the ESB dialect.</summary>
public static class ServiceInstanceApi
{

    public static IEndpointRouteBuilder MapServiceInstanceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEsbGroup()
            .MapEsbPost("create_service_instance", CreateServiceInstance)
            .MapEsbPost("list_service_instance", ListServiceInstance)
            .MapEsbPost("list_service_instance_detail", ListServiceInstanceDetail)
            .MapEsbPost("delete_service_instance", DeleteServiceInstance);
        return endpoints;
    }

    /// <summary>
    /// Creates non-template instances, each with optional processes, all or nothing. Checks mirror
    /// create_process_instance: types, size, permission, then each instance in input order.
    /// </summary>
    public static async Task<IResult> CreateServiceInstance(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var ids = await grains.Batches.CreateServiceInstancesAsync(CreateServiceInstanceRequest.Parse(request, permissions), cancellationToken);
        return EnvelopeResult.Ok(ids);
    }

    /// <summary>A page of a business's instances, filtered by module, hosts and name. No permission needed.</summary>
    public static async Task<IResult> ListServiceInstance(
        EsbRequest request,
        ServiceGrains grains,
        ProcessJsonWriter json)
    {
        var listing = ListingRequest.Read(request.Body, request.Limits.ListPageSize, request.Limits.FilterIdsPerCall, pageRequired: false, withInstanceIds: false);
        var queries = grains.Queries;
        var page = await queries.ListServiceInstancesAsync(listing.Filter, listing.Page);
        return EnvelopeResult.Ok(writer => WritePage(writer, page, instance =>
        {
            writer.WriteStartObject();
            ServiceInstanceJson.WriteFields(writer, instance, json.Zone);
            writer.WriteEndObject();
        }));
    }

    /// <summary>As <see cref="ListServiceInstance"/>, each instance with its processes; <c>page</c> is required.</summary>
    public static async Task<IResult> ListServiceInstanceDetail(
        EsbRequest request,
        ServiceGrains grains,
        ProcessJsonWriter json)
    {
        var listing = ListingRequest.Read(request.Body, request.Limits.DetailPageSize, request.Limits.FilterIdsPerCall, pageRequired: true, withInstanceIds: true);
        var queries = grains.Queries;
        var page = await queries.ListServiceInstancesAsync(listing.Filter, listing.Page);
        var processes = page.Info.Count == 0
            ? []
            : await queries.ListProcessesOfInstancesAsync([.. page.Info.Select(i => i.Id)]);
        var byInstance = processes.ToLookup(p => p.ServiceInstanceId);
        return EnvelopeResult.Ok(writer => WritePage(writer, page, instance =>
        {
            writer.WriteStartObject();
            ServiceInstanceJson.WriteFields(writer, instance, json.Zone);
            writer.WriteStartArray("process_instances");
            foreach (var process in byInstance[instance.Id])
            {
                writer.WriteStartObject();
                writer.WritePropertyName("process");
                json.WriteProperty(writer, process);
                writer.WritePropertyName("relation");
                ProcessJsonWriter.WriteRelation(writer, process);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }));
    }

    /// <summary>Deletes instances with their processes, all or nothing; another business's ids are not touched.</summary>
    public static async Task<IResult> DeleteServiceInstance(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var ids = request.Body.Int64Array("service_instance_ids", request.Limits.IdsPerCall, "delete service instances");
        if (ids is not { Length: > 0 })
        {
            throw new CmdbException(ErrorCodes.Unassigned, "service_instance_ids");
        }

        permissions.Demand(request.Caller, PermissionActions.DeleteServiceInstance, bizId);
        if (bizId <= 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_biz_id");
        }

        await grains.Batches.DeleteServiceInstancesAsync(bizId, [.. ids.Where(id => id > 0)], cancellationToken);
        return EnvelopeResult.OkNull();
    }

    private static void WritePage(Utf8JsonWriter writer, ServiceInstancePage page, Action<ServiceInstance> writeItem)
    {
        writer.WriteStartObject();
        writer.WriteNumber("count", page.Count);
        writer.WriteStartArray("info");
        foreach (var instance in page.Info)
        {
            writeItem(instance);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
