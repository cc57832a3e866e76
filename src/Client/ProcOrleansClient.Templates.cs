using System.Text.Json.Nodes;

namespace ProcOrleans.Client;

/// <summary>The service template APIs.</summary>
public sealed partial class ProcOrleansClient
{
    public async Task<ServiceTemplate> CreateServiceTemplateAsync(long bizId, string name, long serviceCategoryId, bool hostApplyEnabled = false, CancellationToken cancellationToken = default) =>
        await PostAsync("create_service_template", new JsonObject
        {
            ["bk_biz_id"] = bizId, ["name"] = name, ["service_category_id"] = serviceCategoryId, ["host_apply_enabled"] = hostApplyEnabled,
        }, ClientJsonContext.Default.EnvelopeServiceTemplate, cancellationToken)
        ?? throw new ProcOrleansException(-1, "create_service_template answered no template", null, null);

    public async Task<ServiceTemplate> GetServiceTemplateAsync(long serviceTemplateId, CancellationToken cancellationToken = default) =>
        await PostAsync("get_service_template", new JsonObject { ["service_template_id"] = serviceTemplateId }, ClientJsonContext.Default.EnvelopeServiceTemplate, cancellationToken)
        ?? throw new ProcOrleansException(-1, "get_service_template answered no template", null, null);

    /// <summary>A page of templates, newest first.</summary>
    public async Task<ServiceTemplatePage> ListServiceTemplatesAsync(ServiceTemplateQuery query, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["is_exact"] = query.IsExact, ["page"] = new JsonObject { ["start"] = query.Start, ["limit"] = query.Limit },
        };
        if (query.BizId is { } bizId)
        {
            body["bk_biz_id"] = bizId;
        }

        if (query.ServiceCategoryId is { } categoryId)
        {
            body["service_category_id"] = categoryId;
        }

        if (query.ServiceTemplateIds is not null)
        {
            body["service_template_ids"] = Ids(query.ServiceTemplateIds);
        }

        if (query.Search is not null)
        {
            body["search"] = query.Search;
        }

        return await PostAsync("list_service_template", body, ClientJsonContext.Default.EnvelopeServiceTemplatePage, cancellationToken)
            ?? new ServiceTemplatePage(0, []);
    }

    /// <summary>Changes the name and/or category (null leaves it); answers the whole template.</summary>
    public async Task<ServiceTemplate> UpdateServiceTemplateAsync(long bizId, long serviceTemplateId, string? name = null, long? serviceCategoryId = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["bk_biz_id"] = bizId, ["id"] = serviceTemplateId };
        if (name is not null)
        {
            body["name"] = name;
        }

        if (serviceCategoryId is { } categoryId)
        {
            body["service_category_id"] = categoryId;
        }

        return await PostAsync("update_service_template", body, ClientJsonContext.Default.EnvelopeServiceTemplate, cancellationToken)
            ?? throw new ProcOrleansException(-1, "update_service_template answered no template", null, null);
    }

    public Task DeleteServiceTemplateAsync(long bizId, long serviceTemplateId, CancellationToken cancellationToken = default) =>
        PostAsync("delete_service_template", new JsonObject { ["bk_biz_id"] = bizId, ["service_template_id"] = serviceTemplateId },
            ClientJsonContext.Default.EnvelopeObject, cancellationToken);
}
