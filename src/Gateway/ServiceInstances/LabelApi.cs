using System.Text.Json;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.References;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Gateway.ServiceInstances;

/// <summary>
/// Labels of service instances (TEMPLATES.md "Labels and reads"): decoding, the id count, the permission,
/// the label rules, then the instances, all or nothing.
/// </summary>
public static class LabelApi
{
    private const int MaxAddIds = 100;

    public static IEndpointRouteBuilder MapLabelApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEsbGroup()
            .MapEsbPost("add_label_for_service_instance", AddLabelForServiceInstance)
            .MapEsbPost("remove_label_from_service_instance", RemoveLabelFromServiceInstance);
        return endpoints;
    }

    public static async Task<IResult> AddLabelForServiceInstance(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var ids = request.Body.Int64Array("instance_ids", int.MaxValue, "instance_ids");
        var labels = ReadLabels(request.Body);
        if (ids is not { Length: > 0 })
        {
            throw new CmdbException(ErrorCodes.Unassigned, "instanceIDs");
        }

        if (ids.Length > MaxAddIds)
        {
            throw new CmdbException(ErrorCodes.ExceedLimit, "instance_ids", MaxAddIds);
        }

        permissions.Demand(request.Caller, PermissionActions.EditServiceInstance, bizId);
        ServiceInstanceLabels.Validate(labels);

        await grains.Batches.AddLabelsAsync(bizId, ids, labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal), cancellationToken);
        return EnvelopeResult.OkNull();
    }

    public static async Task<IResult> RemoveLabelFromServiceInstance(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var ids = request.Body.Int64Array("instance_ids", int.MaxValue, "instance_ids");
        var keys = ReadKeys(request.Body);
        if (ids is not { Length: > 0 })
        {
            throw new CmdbException(ErrorCodes.Unassigned, "InstanceIDs");
        }

        var limit = request.Limits.IdsPerCall;
        if (ids.Length > limit)
        {
            throw new CmdbException(ErrorCodes.ExceedLimit, "instance_ids", limit);
        }

        permissions.Demand(request.Caller, PermissionActions.DeleteServiceInstance, bizId);

        await grains.Batches.RemoveLabelsAsync(bizId, ids, keys, cancellationToken);
        return EnvelopeResult.OkNull();
    }

    /// <summary>The <c>labels</c> object in input order; a value that is not a string is a decoding error.</summary>
    private static List<KeyValuePair<string, string>> ReadLabels(EsbBody body)
    {
        var labels = new List<KeyValuePair<string, string>>();
        if (body.Object("labels") is not { } element)
        {
            return labels;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new CmdbException(ErrorCodes.JsonDecode);
            }

            // A key repeated in the JSON keeps its last value, as a decoder into a map does.
            var pair = new KeyValuePair<string, string>(property.Name, property.Value.GetString()!);
            if (seen.TryGetValue(property.Name, out var at))
            {
                labels[at] = pair;
            }
            else
            {
                seen[property.Name] = labels.Count;
                labels.Add(pair);
            }
        }

        return labels;
    }

    private static string[] ReadKeys(EsbBody body)
    {
        if (body.Array("keys") is not { } element)
        {
            return [];
        }

        return [.. element.EnumerateArray().Select(k => k.ValueKind == JsonValueKind.String ? k.GetString()! : throw new CmdbException(ErrorCodes.JsonDecode))];
    }
}
