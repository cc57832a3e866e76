namespace ProcOrleans.Grains.ServiceTemplates;

/// <summary>An <c>update_service_template</c> call: null fields are left as they are.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.ServiceTemplateUpdate")]
public sealed record ServiceTemplateUpdate(long TemplateId, string? Name, long? ServiceCategoryId, string User);
