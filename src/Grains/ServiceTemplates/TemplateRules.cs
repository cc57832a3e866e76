using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.ServiceTemplates;

/// <summary>TEMPLATES.md "Service templates": each command judged against a catalogue, in the documented order.</summary>
public static class TemplateRules
{
    /// <summary>The template of this business, or null.</summary>
    public static ServiceTemplate? Find(BusinessCatalogue catalogue, long templateId) =>
        catalogue.ServiceTemplates.FirstOrDefault(t => t.Id == templateId);

    /// <param name="foreign">The category's owner when the business does not see the category, as storage knows it.</param>
    public static CatalogueChange Create(
        BusinessCatalogue catalogue, long bizId, NewServiceTemplate command, ForeignCategory? foreign, DateTimeOffset now, long newId)
    {
        var name = ServiceTemplateName.Validate(command.Name);
        if (bizId <= 0)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "bk_biz_id");
        }

        if (catalogue.Categories.FirstOrDefault(c => c.Id == command.ServiceCategoryId) is { } category)
        {
            EnsureLeaf(catalogue, category.Id);
        }
        else if (foreign is null)
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "service_category_id");
        }
        else
        {
            throw foreign.HasChildren ? new CmdbException(ErrorCodes.NotLeaf) : new CmdbException(ErrorCodes.ParamInvalid, "bk_biz_id");
        }

        EnsureNameFree(catalogue, name, exceptId: 0);
        var template = new ServiceTemplate(
            bizId, newId, name, command.ServiceCategoryId, command.User, command.User, now, now, command.SupplierAccount, command.HostApplyEnabled);
        return new CatalogueChange(bizId, catalogue.Version) { InsertedTemplate = template };
    }

    /// <summary>The change, or null when the call names neither field (nothing changes, nothing is written).</summary>
    public static CatalogueChange? Update(BusinessCatalogue catalogue, long bizId, ServiceTemplateUpdate update, DateTimeOffset now)
    {
        var template = Find(catalogue, update.TemplateId) ?? throw new CmdbException(ErrorCodes.NotFound);
        if (update.Name is null && update.ServiceCategoryId is null)
        {
            return null;
        }

        var categoryId = template.ServiceCategoryId;
        if (update.ServiceCategoryId is { } newCategory)
        {
            if (!catalogue.Categories.Any(c => c.Id == newCategory))
            {
                throw new CmdbException(ErrorCodes.ParamInvalid, "service_category_id");
            }

            EnsureLeaf(catalogue, newCategory);
            categoryId = newCategory;
        }

        var name = template.Name;
        if (update.Name is not null)
        {
            EnsureNameFree(catalogue, update.Name.Trim(), template.Id);
            name = ServiceTemplateName.Validate(update.Name);
        }

        var updated = template with { Name = name, ServiceCategoryId = categoryId, Modifier = update.User, LastTime = now };
        return new CatalogueChange(bizId, catalogue.Version) { UpdatedTemplate = updated };
    }

    /// <param name="inUse">Whether a service instance was made from the template, as storage knows it.</param>
    public static CatalogueChange Delete(BusinessCatalogue catalogue, long bizId, long templateId, bool inUse)
    {
        // bk-cmdb answers every refusal of a template delete with one code.
        if (Find(catalogue, templateId) is null || inUse)
        {
            throw new CmdbException(ErrorCodes.DeleteServiceTemplateFailed);
        }

        return new CatalogueChange(bizId, catalogue.Version) { DeletedTemplateId = templateId };
    }

    /// <summary>The templates once <paramref name="change"/> is stored.</summary>
    public static IReadOnlyList<ServiceTemplate> Apply(IReadOnlyList<ServiceTemplate> templates, CatalogueChange change)
    {
        IEnumerable<ServiceTemplate> result = templates;
        if (change.InsertedTemplate is { } inserted)
        {
            result = result.Append(inserted);
        }

        if (change.UpdatedTemplate is { } updated)
        {
            result = result.Select(t => t.Id == updated.Id ? updated : t);
        }

        if (change.DeletedTemplateId != 0)
        {
            result = result.Where(t => t.Id != change.DeletedTemplateId);
        }

        return [.. result];
    }

    private static void EnsureLeaf(BusinessCatalogue catalogue, long categoryId)
    {
        if (catalogue.Categories.Any(c => c.ParentId == categoryId))
        {
            throw new CmdbException(ErrorCodes.NotLeaf);
        }
    }

    private static void EnsureNameFree(BusinessCatalogue catalogue, string name, long exceptId)
    {
        if (catalogue.ServiceTemplates.Any(t => t.Id != exceptId && string.Equals(t.Name, name, StringComparison.Ordinal)))
        {
            throw new CmdbException(ErrorCodes.Duplicated, "name");
        }
    }
}
