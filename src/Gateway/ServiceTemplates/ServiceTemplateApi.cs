using System.Text.Json;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.References;
using ProcOrleans.Grains.ServiceTemplates;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Gateway.ServiceTemplates;

/// <summary>
/// The service template APIs (TEMPLATES.md "Service templates"): decoding first (1199000); create's
/// permission is on the business, edit's and delete's on the template once it is found; reads need none.
/// </summary>
public static class ServiceTemplateApi
{
    private const int MaxPage = 1000;

    public static IEndpointRouteBuilder MapServiceTemplateApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEsbGroup()
            .MapEsbPost("create_service_template", CreateServiceTemplate)
            .MapEsbPost("get_service_template", GetServiceTemplate)
            .MapEsbPost("list_service_template", ListServiceTemplate)
            .MapEsbPost("update_service_template", UpdateServiceTemplate)
            .MapEsbPost("delete_service_template", DeleteServiceTemplate);
        return endpoints;
    }

    public static async Task<IResult> CreateServiceTemplate(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        ProcessJsonWriter json,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var name = request.Body.String("name");
        var categoryId = request.Body.Int64("service_category_id") ?? 0;
        var hostApply = Boolean(request.Body, "host_apply_enabled") ?? false;
        permissions.Demand(request.Caller, PermissionActions.CreateServiceTemplate, bizId);

        var template = await grains.Catalogue(bizId).CreateServiceTemplateAsync(
            new NewServiceTemplate(name, categoryId, hostApply, request.Caller.User, request.Caller.SupplierAccount), cancellationToken);
        return EnvelopeResult.Ok(writer => ServiceTemplateJson.Write(writer, template, json.Zone));
    }

    /// <summary>A template by id, of any business (bk-cmdb checks none here).</summary>
    public static async Task<IResult> GetServiceTemplate(EsbRequest request, ServiceGrains grains, ProcessJsonWriter json)
    {
        var id = request.Body.Int64("service_template_id") ?? 0;
        var template = (id > 0 ? await grains.CatalogueQueries.GetServiceTemplateAsync(id) : null)
            ?? throw new CmdbException(ErrorCodes.NotFound);
        return EnvelopeResult.Ok(writer => ServiceTemplateJson.Write(writer, template, json.Zone));
    }

    /// <summary>A page of templates, newest first: <c>{count, info}</c>.</summary>
    public static async Task<IResult> ListServiceTemplate(EsbRequest request, ServiceGrains grains, ProcessJsonWriter json)
    {
        var body = request.Body;
        var bizId = body.Int64("bk_biz_id");
        var categoryId = body.Int64("service_category_id");
        var ids = body.Int64Array("service_template_ids", request.Limits.FilterIdsPerCall, "service_template_ids");
        var search = body.String("search");
        var isExact = Boolean(body, "is_exact") ?? false;
        var page = body.Object("page") is { } p ? new EsbBody(p) : default(EsbBody?);
        var start = page?.Int64("start") ?? 0;
        var limit = page?.Int64("limit") ?? 0;
        if (start is < 0 or > int.MaxValue || limit is < 1 or > MaxPage)
        {
            throw new CmdbException(ErrorCodes.PageLimitExceeded);
        }

        var filter = new ServiceTemplateFilter(
            bizId is > 0 ? bizId : null,
            categoryId is > 0 ? categoryId : null,
            ids is { Length: > 0 } ? ids : null,
            string.IsNullOrEmpty(search) ? null : search,
            isExact,
            (int)start,
            (int)limit);
        var result = await grains.CatalogueQueries.ListServiceTemplatesAsync(filter);
        return EnvelopeResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", result.Count);
            writer.WriteStartArray("info");
            foreach (var template in result.Info)
            {
                ServiceTemplateJson.Write(writer, template, json.Zone);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>Changes the name and/or category; answers the whole template.</summary>
    public static async Task<IResult> UpdateServiceTemplate(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        ProcessJsonWriter json,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var id = request.Body.Int64("id") ?? 0;
        var name = UntrimmedString(request.Body, "name");
        var categoryId = request.Body.Int64("service_category_id");
        var catalogue = grains.Catalogue(bizId);
        _ = await catalogue.FindServiceTemplateAsync(id) ?? throw new CmdbException(ErrorCodes.NotFound);
        permissions.Demand(request.Caller, new MissingPermission(PermissionActions.EditServiceTemplate, bizId, PermissionActions.ServiceTemplateType, id));

        var template = await catalogue.UpdateServiceTemplateAsync(new ServiceTemplateUpdate(id, name, categoryId, request.Caller.User), cancellationToken);
        return EnvelopeResult.Ok(writer => ServiceTemplateJson.Write(writer, template, json.Zone));
    }

    /// <summary>Deletes a template; every refusal (unknown, in use) is 1108030.</summary>
    public static async Task<IResult> DeleteServiceTemplate(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var id = request.Body.Int64("service_template_id") ?? 0;
        var catalogue = grains.Catalogue(bizId);
        _ = await catalogue.FindServiceTemplateAsync(id) ?? throw new CmdbException(ErrorCodes.DeleteServiceTemplateFailed);
        permissions.Demand(request.Caller, new MissingPermission(PermissionActions.DeleteServiceTemplate, bizId, PermissionActions.ServiceTemplateType, id));

        await catalogue.DeleteServiceTemplateAsync(id, cancellationToken);
        return EnvelopeResult.OkNull();
    }

    private static bool? Boolean(EsbBody body, string name)
    {
        if (!body.Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new CmdbException(ErrorCodes.JsonDecode),
        };
    }

    // An update that names no name leaves it; an empty one is a bad name, not an absent one.
    private static string? UntrimmedString(EsbBody body, string name)
    {
        if (!body.Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new CmdbException(ErrorCodes.JsonDecode);
    }
}
