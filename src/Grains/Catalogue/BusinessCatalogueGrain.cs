using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceCategories;
using ProcOrleans.Grains.ServiceTemplates;
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
    TimeProvider clock,
    IMemoryLease lease) : Grain, IBusinessCatalogueGrain
{
    public const string CategoryIdSequence = "service_category_id";
    public const string TemplateIdSequence = "service_template_id";

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
        return change!.InsertedCategory!;
    }

    public async Task<ServiceCategory> RenameCategoryAsync(long categoryId, string name, CancellationToken cancellationToken = default) =>
        (await WriteAsync(catalogue => Task.FromResult<CatalogueChange?>(CategoryRules.Rename(catalogue, BizId, categoryId, name)), cancellationToken))!.RenamedCategory!;

    public Task DeleteCategoryAsync(long categoryId, CancellationToken cancellationToken = default) =>
        WriteAsync(catalogue => Task.FromResult<CatalogueChange?>(CategoryRules.Delete(catalogue, BizId, categoryId)), cancellationToken);

    public async Task<ServiceTemplate?> FindServiceTemplateAsync(long templateId) =>
        TemplateRules.Find(await CurrentAsync(CancellationToken.None), templateId);

    public async Task<ServiceTemplate> CreateServiceTemplateAsync(NewServiceTemplate command, CancellationToken cancellationToken = default)
    {
        var change = await WriteAsync(async catalogue =>
        {
            var foreign = catalogue.Categories.Any(c => c.Id == command.ServiceCategoryId) || command.ServiceCategoryId <= 0
                ? null
                : await store.FindForeignCategoryAsync(command.ServiceCategoryId, cancellationToken);
            var now = CmdbTime.TruncateToMilliseconds(clock.GetUtcNow());
            TemplateRules.Create(catalogue, BizId, command, foreign, now, newId: 0);
            var id = (await idAllocator.AllocateAsync(TemplateIdSequence, 1, cancellationToken))[0];
            return TemplateRules.Create(catalogue, BizId, command, foreign, now, id);
        }, cancellationToken);
        return change!.InsertedTemplate!;
    }

    public async Task<ServiceTemplate> UpdateServiceTemplateAsync(ServiceTemplateUpdate update, CancellationToken cancellationToken = default)
    {
        ServiceTemplate? unchanged = null;
        var change = await WriteAsync(catalogue =>
        {
            var change = TemplateRules.Update(catalogue, BizId, update, CmdbTime.TruncateToMilliseconds(clock.GetUtcNow()));
            unchanged = change is null ? TemplateRules.Find(catalogue, update.TemplateId) : null;
            return Task.FromResult(change);
        }, cancellationToken);
        return change?.UpdatedTemplate ?? unchanged!;
    }

    public Task DeleteServiceTemplateAsync(long templateId, CancellationToken cancellationToken = default) =>
        WriteAsync(async catalogue =>
        {
            var inUse = TemplateRules.Find(catalogue, templateId) is not null && await store.IsTemplateInUseAsync(BizId, templateId, cancellationToken);
            return TemplateRules.Delete(catalogue, BizId, templateId, inUse);
        }, cancellationToken);

    /// <summary>Judges a command on the current catalogue and stores its change; a null change stores nothing.</summary>
    private async Task<CatalogueChange?> WriteAsync(Func<BusinessCatalogue, Task<CatalogueChange?>> prepare, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var catalogue = await CurrentAsync(cancellationToken);
            if (await prepare(catalogue) is not { } change)
            {
                return null;
            }

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

            _catalogue = new BusinessCatalogue(
                CategoryRules.Apply(catalogue.Categories, change), TemplateRules.Apply(catalogue.ServiceTemplates, change), change.NewVersion);
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
