using ProcOrleans.Grains.ServiceCategories;

namespace ProcOrleans.Grains.Storage;

/// <summary>
/// Everything a business's catalogue grain holds: the categories it sees (its own and the built-ins) and
/// the version of its own rows; version 0 means the business has never written any.
/// </summary>
[GenerateSerializer, Immutable, Alias("procorleans.BusinessCatalogue")]
public sealed record BusinessCatalogue(IReadOnlyList<ServiceCategory> Categories, long Version);
