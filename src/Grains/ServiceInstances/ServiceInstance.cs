namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>A service instance record, as <c>list_service_instance</c> shows it.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.ServiceInstance")]
public sealed record ServiceInstance(
    long Id,
    string Name,
    long BizId,
    long ModuleId,
    long HostId,
    long ServiceTemplateId,
    IReadOnlyDictionary<string, string>? Labels,
    string Creator,
    string Modifier,
    DateTimeOffset CreateTime,
    DateTimeOffset LastTime,
    string SupplierAccount);
