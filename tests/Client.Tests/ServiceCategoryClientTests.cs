namespace ProcOrleans.Client.Tests;

/// <summary>The category methods of the client against a real node.</summary>
public sealed class ServiceCategoryClientTests : IDisposable
{
    private readonly NodeFactory _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Categories_round_trip()
    {
        var client = _node.CreateProcOrleansClient();
        var root = await client.CreateServiceCategoryAsync(4, "Database");
        var child = await client.CreateServiceCategoryAsync(4, "MySQL", root.Id);
        Assert.Equal(new ServiceCategory(4, child.Id, "MySQL", root.Id, root.Id, "0", false), child);

        var renamed = await client.UpdateServiceCategoryAsync(4, child.Id, "MariaDB");
        Assert.Equal(child with { Name = "MariaDB" }, renamed);

        var listed = await client.ListServiceCategoriesAsync(4);
        Assert.Equal(4, listed.Count);
        Assert.Equal(["Database", "Default", "Default", "MariaDB"], listed.Info.Select(c => c.Name));
        Assert.Equal(new ServiceCategory(0, 1, "Default", 1, 0, "0", true), listed.Info[1]);

        var refused = await Assert.ThrowsAsync<ProcOrleansException>(() => client.DeleteServiceCategoryAsync(4, root.Id));
        Assert.Equal(1199055, refused.Code);
        await client.DeleteServiceCategoryAsync(4, child.Id);
        await client.DeleteServiceCategoryAsync(4, root.Id);
        Assert.Equal(2, (await client.ListServiceCategoriesAsync(4)).Count);
    }
}
