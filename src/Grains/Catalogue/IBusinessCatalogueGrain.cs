using ProcOrleans.Grains.ServiceCategories;
using ProcOrleans.Grains.ServiceTemplates;

namespace ProcOrleans.Grains.Catalogue;

/// <summary>
/// What one business (key <c>bk_biz_id</c>) defines once and instances are made from: its service
/// categories, with the built-ins every business sees, and its service templates. The only writer of those rows; reads are answered
/// from memory. Checks follow TEMPLATES.md, in its order.
/// </summary>
[Alias("procorleans.IBusinessCatalogueGrain")]
public interface IBusinessCatalogueGrain : IGrainWithIntegerKey
{
    /// <summary>This business's categories and the built-ins, by name (then id).</summary>
    [Alias("ListCategories")]
    Task<IReadOnlyList<ServiceCategory>> ListCategoriesAsync();

    /// <summary>The category with this id, of this business or built-in; null when there is none.</summary>
    [Alias("FindCategory")]
    Task<ServiceCategory?> FindCategoryAsync(long categoryId);

    [Alias("CreateCategory")]
    Task<ServiceCategory> CreateCategoryAsync(string name, long parentId, string supplierAccount, CancellationToken cancellationToken = default);

    /// <summary>Renames a category; nothing else of it changes.</summary>
    [Alias("RenameCategory")]
    Task<ServiceCategory> RenameCategoryAsync(long categoryId, string name, CancellationToken cancellationToken = default);

    [Alias("DeleteCategory")]
    Task DeleteCategoryAsync(long categoryId, CancellationToken cancellationToken = default);

    /// <summary>The business's template with this id; null when there is none.</summary>
    [Alias("FindServiceTemplate")]
    Task<ServiceTemplate?> FindServiceTemplateAsync(long templateId);

    [Alias("CreateServiceTemplate")]
    Task<ServiceTemplate> CreateServiceTemplateAsync(NewServiceTemplate command, CancellationToken cancellationToken = default);

    /// <summary>Changes a template's name and/or category; answers the template (unchanged when the call names neither).</summary>
    [Alias("UpdateServiceTemplate")]
    Task<ServiceTemplate> UpdateServiceTemplateAsync(ServiceTemplateUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes a template that no service instance was made from, with its process templates.</summary>
    [Alias("DeleteServiceTemplate")]
    Task DeleteServiceTemplateAsync(long templateId, CancellationToken cancellationToken = default);
}
