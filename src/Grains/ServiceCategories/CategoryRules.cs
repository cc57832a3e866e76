using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.ServiceCategories;

/// <summary>TEMPLATES.md "Service categories": each command judged against a catalogue, in the documented order.</summary>
public static class CategoryRules
{
    /// <summary>The category as a business sees it (its own or a built-in), or 1199019.</summary>
    public static ServiceCategory Find(BusinessCatalogue catalogue, long categoryId) =>
        catalogue.Categories.FirstOrDefault(c => c.Id == categoryId) ?? throw new CmdbException(ErrorCodes.NotFound);

    public static CatalogueChange Create(BusinessCatalogue catalogue, long bizId, string name, long parentId, string supplierAccount, long newId)
    {
        ServiceCategoryName.Validate(name);
        if (bizId <= 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_biz_id");
        }

        var parent = parentId == 0 ? null : catalogue.Categories.FirstOrDefault(c => c.Id == parentId && c.IsFirstLevel);
        if (parentId != 0 && parent is null)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_parent_id");
        }

        EnsureNameFree(catalogue, name, firstLevel: parent is null, exceptId: 0);
        var category = new ServiceCategory(bizId, newId, name, parent?.Id ?? newId, parent?.Id ?? 0, supplierAccount, IsBuiltIn: false);
        return new CatalogueChange(bizId, catalogue.Version) { InsertedCategory = category };
    }

    public static CatalogueChange Rename(BusinessCatalogue catalogue, long bizId, long categoryId, string name)
    {
        var category = Find(catalogue, categoryId);
        ServiceCategoryName.Validate(name);
        if (category.IsBuiltIn)
        {
            throw new CmdbException(ErrorCodes.BuiltInForbidden);
        }

        EnsureNameFree(catalogue, name, category.IsFirstLevel, category.Id);
        return new CatalogueChange(bizId, catalogue.Version) { RenamedCategory = category with { Name = name } };
    }

    public static CatalogueChange Delete(BusinessCatalogue catalogue, long bizId, long categoryId)
    {
        var category = Find(catalogue, categoryId);
        if (category.IsBuiltIn)
        {
            throw new CmdbException(ErrorCodes.BuiltInForbidden);
        }

        if (catalogue.Categories.Any(c => c.ParentId == category.Id))
        {
            throw new CmdbException(ErrorCodes.HasChildren);
        }

        if (catalogue.ServiceTemplates.Any(t => t.ServiceCategoryId == category.Id))
        {
            throw new CmdbException(ErrorCodes.Referenced);
        }

        return new CatalogueChange(bizId, catalogue.Version) { DeletedCategoryId = category.Id };
    }

    /// <summary>The catalogue once <paramref name="change"/> is stored.</summary>
    public static IReadOnlyList<ServiceCategory> Apply(IReadOnlyList<ServiceCategory> categories, CatalogueChange change)
    {
        IEnumerable<ServiceCategory> result = categories;
        if (change.InsertedCategory is { } inserted)
        {
            result = result.Append(inserted);
        }

        if (change.RenamedCategory is { } renamed)
        {
            result = result.Select(c => c.Id == renamed.Id ? renamed : c);
        }

        if (change.DeletedCategoryId != 0)
        {
            result = result.Where(c => c.Id != change.DeletedCategoryId);
        }

        return [.. result];
    }

    /// <summary>bk-cmdb's rule: unique among first-level names, or among all second-level ones, of this business and the built-ins.</summary>
    private static void EnsureNameFree(BusinessCatalogue catalogue, string name, bool firstLevel, long exceptId)
    {
        if (catalogue.Categories.Any(c => c.Id != exceptId && c.IsFirstLevel == firstLevel && string.Equals(c.Name, name, StringComparison.Ordinal)))
        {
            throw new CmdbException(ErrorCodes.DuplicatedCategoryName, name);
        }
    }
}
