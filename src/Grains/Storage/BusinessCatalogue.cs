using ProcOrleans.Grains.ServiceCategories;
using ProcOrleans.Grains.ServiceTemplates;

namespace ProcOrleans.Grains.Storage;

/// <summary>
/// Everything a business's catalogue grain holds: the categories it sees (its own and the built-ins), its
/// service templates, and the version of its own rows; version 0 means the business has never written any.
/// </summary>
[GenerateSerializer, Immutable, Alias("procorleans.BusinessCatalogue")]
public sealed record BusinessCatalogue(IReadOnlyList<ServiceCategory> Categories, IReadOnlyList<ServiceTemplate> ServiceTemplates, long Version);
