using System.Collections.Concurrent;
using ProcOrleans.Grains.ServiceCategories;
using ProcOrleans.Grains.ServiceTemplates;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Tests.Catalogue;

/// <summary>Catalogues in memory, with storage's version rule; tests write behind a grain's back with <see cref="Put"/>.</summary>
internal sealed class InMemoryCatalogueStore : IBusinessCatalogueStore
{
    public static readonly ServiceCategory[] BuiltIns =
    [
        new(0, 1, "Default", 1, 0, "0", true),
        new(0, 2, "Default", 1, 1, "0", true),
    ];

    private readonly ConcurrentDictionary<long, BusinessCatalogue> _rows = new();

    public bool IsShared { get; set; }

    public int Conflicts { get; private set; }

    public Task<BusinessCatalogue> LoadAsync(long bizId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault(bizId) ?? new BusinessCatalogue(BuiltIns, [], 0));

    public Task<long> GetVersionAsync(long bizId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault(bizId)?.Version ?? 0);

    public Task CommitAsync(CatalogueChange change, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            var current = _rows.GetValueOrDefault(change.BizId) ?? new BusinessCatalogue(BuiltIns, [], 0);
            if (current.Version != change.ExpectedVersion)
            {
                Conflicts++;
                throw new ConcurrencyConflictException(change.BizId, "version moved");
            }

            _rows[change.BizId] = new BusinessCatalogue(
                CategoryRules.Apply(current.Categories, change), TemplateRules.Apply(current.ServiceTemplates, change), change.NewVersion);
        }

        return Task.CompletedTask;
    }

    public Task<ForeignCategory?> FindForeignCategoryAsync(long categoryId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.Values.SelectMany(c => c.Categories).Where(c => c.Id == categoryId)
            .Select(c => new ForeignCategory(c.BizId, _rows[c.BizId].Categories.Any(x => x.ParentId == c.Id))).FirstOrDefault());

    public Task<bool> IsTemplateInUseAsync(long bizId, long templateId, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>Another writer's state, stored without the grain knowing.</summary>
    public void Put(long bizId, BusinessCatalogue catalogue) => _rows[bizId] = catalogue;

    public BusinessCatalogue? Get(long bizId) => _rows.GetValueOrDefault(bizId);
}
