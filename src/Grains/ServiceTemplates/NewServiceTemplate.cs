namespace ProcOrleans.Grains.ServiceTemplates;

/// <summary>A <c>create_service_template</c> call, decoded but not yet checked.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.NewServiceTemplate")]
public sealed record NewServiceTemplate(string? Name, long ServiceCategoryId, bool HostApplyEnabled, string User, string SupplierAccount);
