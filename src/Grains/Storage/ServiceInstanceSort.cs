namespace ProcOrleans.Grains.Storage;

/// <summary>The columns a service instance listing may be sorted on.</summary>
[GenerateSerializer, Alias("procorleans.ServiceInstanceSort")]
public enum ServiceInstanceSort
{
    Id,
    Name,
    CreateTime,
}
