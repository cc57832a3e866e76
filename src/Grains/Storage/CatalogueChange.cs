using ProcOrleans.Grains.ServiceCategories;

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

    public long NewVersion => ExpectedVersion + 1;
}
