namespace ProcOrleans.Grains.Storage;

/// <summary>Which templates <c>list_service_template</c> covers; every set filter must match.</summary>
/// <param name="CategoryId">This category or one of its sub-categories, when set.</param>
/// <param name="Search">A case-insensitive substring of the name, or the exact name when <paramref name="IsExact"/>.</param>
[GenerateSerializer, Immutable, Alias("procorleans.ServiceTemplateFilter")]
public sealed record ServiceTemplateFilter(
    long? BizId,
    long? CategoryId,
    IReadOnlyList<long>? TemplateIds,
    string? Search,
    bool IsExact,
    int Start,
    int Limit);
