using ProcOrleans.Grains.ServiceTemplates;

namespace ProcOrleans.Grains.Storage;

/// <summary>Durable business catalogues (categories, service templates), one version per business. Every method is one transaction.</summary>
public interface IBusinessCatalogueStore
{
    /// <summary>True when other silos may write the same rows (see <see cref="IServiceInstanceStore.IsShared"/>).</summary>
    bool IsShared { get; }

    /// <summary>The business's catalogue with the built-ins, and its version.</summary>
    Task<BusinessCatalogue> LoadAsync(long bizId, CancellationToken cancellationToken);

    /// <summary>The business's stored version (0 when it has none).</summary>
    Task<long> GetVersionAsync(long bizId, CancellationToken cancellationToken);

    /// <summary>The owner of a category this business does not see, or null when no business has it.</summary>
    Task<ForeignCategory?> FindForeignCategoryAsync(long categoryId, CancellationToken cancellationToken);

    /// <summary>Whether a service instance of the business was made from the template.</summary>
    Task<bool> IsTemplateInUseAsync(long bizId, long templateId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the change, durable before it returns. Throws <see cref="ConcurrencyConflictException"/> when the
    /// version or a unique index disagrees; then nothing is stored.
    /// </summary>
    Task CommitAsync(CatalogueChange change, CancellationToken cancellationToken);
}
