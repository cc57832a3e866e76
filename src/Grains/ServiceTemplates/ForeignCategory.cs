namespace ProcOrleans.Grains.ServiceTemplates;

/// <summary>A category that another business owns, as far as a template check needs to know it.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.ForeignCategory")]
public sealed record ForeignCategory(long BizId, bool HasChildren);
