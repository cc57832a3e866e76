using System.Text.Json.Nodes;

namespace ProcOrleans.Client;

/// <summary>The service category APIs.</summary>
public sealed partial class ProcOrleansClient
{
    /// <summary>Creates a category: first level when <paramref name="parentId"/> is 0, else under that first-level one.</summary>
    public async Task<ServiceCategory> CreateServiceCategoryAsync(long bizId, string name, long parentId = 0, CancellationToken cancellationToken = default) =>
        await PostAsync("create_service_category", new JsonObject { ["bk_biz_id"] = bizId, ["name"] = name, ["bk_parent_id"] = parentId },
            ClientJsonContext.Default.EnvelopeServiceCategory, cancellationToken)
        ?? throw new ProcOrleansException(-1, "create_service_category answered no category", null, null);

    /// <summary>The business's categories and the built-ins every business sees, by name.</summary>
    public async Task<ServiceCategoryList> ListServiceCategoriesAsync(long bizId, CancellationToken cancellationToken = default) =>
        await PostAsync("list_service_category", new JsonObject { ["bk_biz_id"] = bizId }, ClientJsonContext.Default.EnvelopeServiceCategoryList, cancellationToken)
        ?? new ServiceCategoryList(0, []);

    /// <summary>Renames a category; answers it.</summary>
    public async Task<ServiceCategory> UpdateServiceCategoryAsync(long bizId, long categoryId, string name, CancellationToken cancellationToken = default) =>
        await PostAsync("update_service_category", new JsonObject { ["bk_biz_id"] = bizId, ["id"] = categoryId, ["name"] = name },
            ClientJsonContext.Default.EnvelopeServiceCategory, cancellationToken)
        ?? throw new ProcOrleansException(-1, "update_service_category answered no category", null, null);

    /// <summary>Deletes a category that has no sub-categories.</summary>
    public Task DeleteServiceCategoryAsync(long bizId, long categoryId, CancellationToken cancellationToken = default) =>
        PostAsync("delete_service_category", new JsonObject { ["bk_biz_id"] = bizId, ["id"] = categoryId }, ClientJsonContext.Default.EnvelopeObject, cancellationToken);
}
