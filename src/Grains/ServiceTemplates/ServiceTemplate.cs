namespace ProcOrleans.Grains.ServiceTemplates;

/// <summary>A service template record, as bk-cmdb answers it; <see cref="HostApplyEnabled"/> is stored and has no effect here.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.ServiceTemplate")]
public sealed record ServiceTemplate(
    long BizId,
    long Id,
    string Name,
    long ServiceCategoryId,
    string Creator,
    string Modifier,
    DateTimeOffset CreateTime,
    DateTimeOffset LastTime,
    string SupplierAccount,
    bool HostApplyEnabled);
