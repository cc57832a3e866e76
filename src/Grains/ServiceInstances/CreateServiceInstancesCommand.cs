namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>A whole <c>create_service_instance</c> call: created together or not at all.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.CreateServiceInstancesCommand")]
public sealed record CreateServiceInstancesCommand(
    long BizId,
    long ModuleId,
    IReadOnlyList<NewServiceInstance> Instances,
    string User,
    string SupplierAccount);
