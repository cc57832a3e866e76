using ProcOrleans.Grains.ServiceCategories;
using ProcOrleans.Grains.ServiceTemplates;

namespace ProcOrleans.Grains.Storage;

/// <summary>
/// One write to a business's catalogue, conditional on <see cref="ExpectedVersion"/> (0: nothing written
/// yet); the business's version becomes <c>ExpectedVersion + 1</c>.
/// </summary>
public sealed record CatalogueChange(long BizId, long ExpectedVersion)
{
    public ServiceCategory? InsertedCategory { get; init; }

    /// <summary>A category whose name changed.</summary>
    public ServiceCategory? RenamedCategory { get; init; }

    public long DeletedCategoryId { get; init; }

    public ServiceTemplate? InsertedTemplate { get; init; }

    /// <summary>A template whose name or category changed (with its modifier and last time).</summary>
    public ServiceTemplate? UpdatedTemplate { get; init; }

    /// <summary>Deletes the template and its process templates.</summary>
    public long DeletedTemplateId { get; init; }

    public long NewVersion => ExpectedVersion + 1;
}
