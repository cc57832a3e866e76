using ProcOrleans.Grains.ServiceTemplates;

namespace ProcOrleans.Grains.Storage;

/// <summary>One page of templates and the number the filter matches in all.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.ServiceTemplatePage")]
public sealed record ServiceTemplatePage(long Count, IReadOnlyList<ServiceTemplate> Info);
