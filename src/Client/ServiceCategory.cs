using System.Text.Json.Serialization;

namespace ProcOrleans.Client;

/// <summary>A service category; <see cref="RootId"/> is the first-level id, <see cref="ParentId"/> 0 on the first level.</summary>
public sealed record ServiceCategory(
    [property: JsonPropertyName("bk_biz_id")] long BizId,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("bk_root_id")] long RootId,
    [property: JsonPropertyName("bk_parent_id")] long ParentId,
    [property: JsonPropertyName("bk_supplier_account")] string SupplierAccount,
    [property: JsonPropertyName("is_built_in")] bool IsBuiltIn);

/// <summary>The answer of <c>list_service_category</c>.</summary>
public sealed record ServiceCategoryList(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("info")] IReadOnlyList<ServiceCategory> Info);
