using System.Text.Json;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.References;

namespace ProcOrleans.Gateway.ServiceCategories;

/// <summary>
/// The service category APIs (TEMPLATES.md "Service categories"): decoding first (1199000), then the
/// permission on the business, then the business catalogue grain's checks in the documented order.
/// </summary>
public static class ServiceCategoryApi
{
    public static IEndpointRouteBuilder MapServiceCategoryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEsbGroup()
            .MapEsbPost("create_service_category", CreateServiceCategory)
            .MapEsbPost("list_service_category", ListServiceCategory)
            .MapEsbPost("update_service_category", UpdateServiceCategory)
            .MapEsbPost("delete_service_category", DeleteServiceCategory);
        return endpoints;
    }

    public static async Task<IResult> CreateServiceCategory(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var name = UntrimmedString(request.Body, "name");
        var parentId = request.Body.Int64("bk_parent_id") ?? 0;
        permissions.Demand(request.Caller, PermissionActions.CreateServiceCategory, bizId);

        var category = await grains.Catalogue(bizId).CreateCategoryAsync(name ?? "", parentId, request.Caller.SupplierAccount, cancellationToken);
        return EnvelopeResult.Ok(writer => ServiceCategoryJson.Write(writer, category));
    }

    /// <summary>This business's categories and the built-ins, by name. Needs no permission and never fails.</summary>
    public static async Task<IResult> ListServiceCategory(EsbRequest request, ServiceGrains grains)
    {
        long bizId;
        try
        {
            bizId = request.Body.Int64("bk_biz_id") ?? 0;
        }
        catch (CmdbException)
        {
            bizId = 0;
        }

        var categories = await grains.Catalogue(bizId).ListCategoriesAsync();
        return EnvelopeResult.Ok(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", categories.Count);
            writer.WriteStartArray("info");
            foreach (var category in categories)
            {
                ServiceCategoryJson.Write(writer, category);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>Renames a category; nothing else of it changes.</summary>
    public static async Task<IResult> UpdateServiceCategory(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var id = request.Body.Int64("id") ?? 0;
        var name = UntrimmedString(request.Body, "name");
        permissions.Demand(request.Caller, PermissionActions.EditServiceCategory, bizId);

        var category = await grains.Catalogue(bizId).RenameCategoryAsync(id, name ?? "", cancellationToken);
        return EnvelopeResult.Ok(writer => ServiceCategoryJson.Write(writer, category));
    }

    public static async Task<IResult> DeleteServiceCategory(
        EsbRequest request,
        ServiceGrains grains,
        PermissionChecker permissions,
        CancellationToken cancellationToken)
    {
        var bizId = request.Body.Int64("bk_biz_id") ?? 0;
        var id = request.Body.Int64("id") ?? 0;
        permissions.Demand(request.Caller, PermissionActions.DeleteServiceCategory, bizId);

        await grains.Catalogue(bizId).DeleteCategoryAsync(id, cancellationToken);
        return EnvelopeResult.OkNull();
    }

    // bk-cmdb checks category names as sent: a space is a character its pattern refuses, not padding.
    private static string? UntrimmedString(EsbBody body, string name)
    {
        if (!body.Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new CmdbException(ErrorCodes.JsonDecode);
    }
}
