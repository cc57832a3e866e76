using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.ServiceCategories;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Catalogue;

/// <summary>
/// Holds one business's catalogue in memory and writes it one change at a time, each judged against memory
/// and conditional on the business's version: a stale activation's write fails, and the command is judged
/// again on what storage has. The catalogue changes rarely, so conflicts are rare.
/// </summary>
public sealed class BusinessCatalogueGrain(
    IBusinessCatalogueStore store,
    IIdAllocator idAllocator,
    IMemoryLease lease) : Grain, IBusinessCatalogueGrain
{
    public const string CategoryIdSequence = "service_category_id";

    private const int Attempts = 3;

    private BusinessCatalogue? _catalogue;

    private long BizId => this.GetPrimaryKeyLong();

    public async Task<IReadOnlyList<ServiceCategory>> ListCategoriesAsync()
    {
        var catalogue = await CurrentAsync(CancellationToken.None);
        return [.. catalogue.Categories.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id)];
    }

    public async Task<ServiceCategory?> FindCategoryAsync(long categoryId)
    {
        var catalogue = await CurrentAsync(CancellationToken.None);
        return catalogue.Categories.FirstOrDefault(c => c.Id == categoryId);
    }

    public async Task<ServiceCategory> CreateCategoryAsync(string name, long parentId, string supplierAccount, CancellationToken cancellationToken = default)
    {
        var change = await WriteAsync(async catalogue =>
        {
            // Checked before an id is taken, so that refusals spend none.
            CategoryRules.Create(catalogue, BizId, name, parentId, supplierAccount, newId: 0);
            var id = (await idAllocator.AllocateAsync(CategoryIdSequence, 1, cancellationToken))[0];
            return CategoryRules.Create(catalogue, BizId, name, parentId, supplierAccount, id);
        }, cancellationToken);
        return change.InsertedCategory!;
    }

    public async Task<ServiceCategory> RenameCategoryAsync(long categoryId, string name, CancellationToken cancellationToken = default) =>
        (await WriteAsync(catalogue => Task.FromResult(CategoryRules.Rename(catalogue, BizId, categoryId, name)), cancellationToken)).RenamedCategory!;

    public Task DeleteCategoryAsync(long categoryId, CancellationToken cancellationToken = default) =>
        WriteAsync(catalogue => Task.FromResult(CategoryRules.Delete(catalogue, BizId, categoryId)), cancellationToken);

    private async Task<CatalogueChange> WriteAsync(Func<BusinessCatalogue, Task<CatalogueChange>> prepare, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var catalogue = await CurrentAsync(cancellationToken);
            var change = await prepare(catalogue);
            try
            {
                await store.CommitAsync(change, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // Another activation wrote first (this silo was in doubt): judge again on what it wrote.
                _catalogue = null;
                continue;
            }
            catch (ConcurrencyConflictException)
            {
                _catalogue = null;
                throw new CmdbException(ErrorCodes.ConcurrentWrite);
            }
            catch
            {
                // Stored or not, memory can no longer tell: the next call reloads.
                _catalogue = null;
                throw;
            }

            _catalogue = new BusinessCatalogue(CategoryRules.Apply(catalogue.Categories, change), change.NewVersion);
            return change;
        }
    }

    /// <summary>Loads on first use; while the silo's memory lease is not held, confirms the version first.</summary>
    private async Task<BusinessCatalogue> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_catalogue is { } held && (!store.IsShared || lease.IsHeld || await store.GetVersionAsync(BizId, cancellationToken) == held.Version))
        {
            return held;
        }

        _catalogue = null;
        return _catalogue = await store.LoadAsync(BizId, cancellationToken);
    }
}
