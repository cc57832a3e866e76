namespace ProcOrleans.Grains.Storage;

/// <summary>A window of a sorted listing; ties are broken by id, in the same direction, so pages never overlap.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.PageRequest")]
public sealed record PageRequest(int Start, int Limit, ServiceInstanceSort Sort = ServiceInstanceSort.Id, bool Descending = false);
