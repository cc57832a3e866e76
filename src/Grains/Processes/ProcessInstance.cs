namespace ProcOrleans.Grains.Processes;

/// <summary>A stored process: its attributes plus the server-owned keys and its relation.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.ProcessInstance")]
public sealed record ProcessInstance(
    long ProcessId,
    long ServiceInstanceId,
    long BizId,
    long HostId,
    long ProcessTemplateId,
    string SupplierAccount,
    ProcessProperties Properties,
    DateTimeOffset CreateTime,
    DateTimeOffset LastTime);
