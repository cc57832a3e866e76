using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ProcOrleans.Grains.Catalogue;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.ServiceCategories;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Grains.Tests.ServiceInstances;

namespace ProcOrleans.Grains.Tests.Catalogue;

/// <summary>The catalogue grain judges against memory, and against storage again when another writer got there first.</summary>
public sealed class BusinessCatalogueGrainTests : IAsyncLifetime
{
    private readonly InMemoryCatalogueStore _store = new();
    private readonly InMemoryStore _ids = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<IBusinessCatalogueStore>(_store);
            host.Services.AddSingleton<IIdAllocator>(_ids);
            host.Services.AddSingleton<IMemoryLease>(_ids);
            host.Services.AddSingleton(TimeProvider.System);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IBusinessCatalogueGrain Grain(long bizId) => _cluster.Client.GetGrain<IBusinessCatalogueGrain>(bizId);

    [Fact]
    public async Task A_write_judged_on_stale_memory_is_judged_again_on_what_storage_has()
    {
        var grain = Grain(5);
        Assert.Equal(2, (await grain.ListCategoriesAsync()).Count);
        // Another activation (a silo that was in doubt) stored "web" meanwhile.
        _store.Put(5, new BusinessCatalogue([.. InMemoryCatalogueStore.BuiltIns, new ServiceCategory(5, 50, "web", 50, 0, "0", false)], [], 1));

        var refused = await Assert.ThrowsAsync<CmdbException>(() => grain.CreateCategoryAsync("web", 0, "0"));
        Assert.Equal((ErrorCodes.DuplicatedCategoryName, "web"), (refused.Code, (string)refused.Args[0]));
        Assert.Equal(1, _store.Conflicts);

        var created = await grain.CreateCategoryAsync("db", 50, "0");
        Assert.Equal((5L, 50L, 50L), (created.BizId, created.RootId, created.ParentId));
        Assert.Equal(["Default", "Default", "db", "web"], (await grain.ListCategoriesAsync()).Select(c => c.Name));
        Assert.Equal(2, _store.Get(5)!.Version);
    }

    [Fact]
    public async Task While_the_memory_lease_is_not_held_a_read_confirms_the_version_first()
    {
        _store.IsShared = true;
        var grain = Grain(6);
        Assert.Equal(2, (await grain.ListCategoriesAsync()).Count);
        _store.Put(6, new BusinessCatalogue([.. InMemoryCatalogueStore.BuiltIns, new ServiceCategory(6, 60, "web", 60, 0, "0", false)], [], 1));

        Assert.Equal(2, (await grain.ListCategoriesAsync()).Count);
        _ids.IsHeld = false;
        Assert.Equal(3, (await grain.ListCategoriesAsync()).Count);
        Assert.Equal("web", (await grain.FindCategoryAsync(60))!.Name);
    }
}
