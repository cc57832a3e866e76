using ProcOrleans.Gateway.Esb;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Gateway.ServiceInstances;

/// <summary>The filter and page of <c>list_service_instance</c> and <c>list_service_instance_detail</c>.</summary>
public sealed record ListingRequest(ServiceInstanceFilter Filter, PageRequest Page)
{
    /// <summary>
    /// Reads the listing parameters: typed fields of the wrong JSON type are 1199000; a bad value is 1199006
    /// naming it; a page over <paramref name="maxLimit"/> is 1199035. No page means the first
    /// <paramref name="maxLimit"/> by id, unless <paramref name="pageRequired"/>.
    /// </summary>
    public static ListingRequest Read(EsbBody body, int maxLimit, int maxFilterIds, bool pageRequired, bool withInstanceIds)
    {
        var bizId = body.Int64("bk_biz_id");
        var moduleId = body.Int64("bk_module_id");
        var hostIds = body.Int64Array("bk_host_ids", maxFilterIds, "bk_host_ids");
        var searchKey = body.String("search_key");
        var instanceIds = withInstanceIds
            ? body.Int64Array("service_instance_ids", maxFilterIds, "service_instance_ids")
            : null;
        var page = body.Object("page");

        if (bizId is not > 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_biz_id");
        }

        if (moduleId is < 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_module_id");
        }

        if (page is null && pageRequired)
        {
            throw new CmdbException(ErrorCodes.Unassigned, "page");
        }

        var filter = new ServiceInstanceFilter(
            bizId.Value,
            moduleId is > 0 ? moduleId : null,
            hostIds is { Length: > 0 } ? hostIds : null,
            string.IsNullOrEmpty(searchKey) ? null : searchKey,
            instanceIds is { Length: > 0 } ? instanceIds : null);
        return new ListingRequest(filter, page is { } p ? ReadPage(new EsbBody(p), maxLimit) : new PageRequest(0, maxLimit));
    }

    private static PageRequest ReadPage(EsbBody page, int maxLimit)
    {
        var start = page.Int64("start") ?? 0;
        var limit = page.Int64("limit") ?? 0;
        var sort = page.String("sort") ?? "";
        if (start < 0 || start > int.MaxValue)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "page.start");
        }

        if (limit < 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "page.limit");
        }

        if (limit > maxLimit)
        {
            throw new CmdbException(ErrorCodes.ExceedLimit, "page.limit", maxLimit);
        }

        var descending = sort.StartsWith('-');
        ServiceInstanceSort column = (descending ? sort[1..] : sort) switch
        {
            "" or "id" => ServiceInstanceSort.Id,
            "name" => ServiceInstanceSort.Name,
            "create_time" => ServiceInstanceSort.CreateTime,
            _ => throw new CmdbException(ErrorCodes.ParamInvalid, "page.sort"),
        };

        // bk-cmdb reads a zero limit as "the default page".
        return new PageRequest((int)start, limit == 0 ? maxLimit : (int)limit, column, descending);
    }
}
