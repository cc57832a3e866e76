using System.Text.Json.Serialization;

namespace ProcOrleans.Client;

/// <summary>A service template record.</summary>
public sealed record ServiceTemplate(
    [property: JsonPropertyName("bk_biz_id")] long BizId,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("service_category_id")] long ServiceCategoryId,
    [property: JsonPropertyName("creator")] string Creator,
    [property: JsonPropertyName("modifier")] string Modifier,
    [property: JsonPropertyName("create_time")] DateTimeOffset CreateTime,
    [property: JsonPropertyName("last_time")] DateTimeOffset LastTime,
    [property: JsonPropertyName("bk_supplier_account")] string SupplierAccount,
    [property: JsonPropertyName("host_apply_enabled")] bool HostApplyEnabled);

/// <summary>A page of <c>list_service_template</c> and the total the filter matches.</summary>
public sealed record ServiceTemplatePage(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("info")] IReadOnlyList<ServiceTemplate> Info);

/// <summary>The filters of <c>list_service_template</c>; <see cref="Limit"/> is 1..1000.</summary>
public sealed record ServiceTemplateQuery(
    long? BizId = null,
    long? ServiceCategoryId = null,
    IReadOnlyList<long>? ServiceTemplateIds = null,
    string? Search = null,
    bool IsExact = false,
    int Start = 0,
    int Limit = 100);
