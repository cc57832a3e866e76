namespace ProcOrleans.Client.Tests;

/// <summary>The service template methods of the client against a real node.</summary>
public sealed class ServiceTemplateClientTests : IDisposable
{
    private readonly NodeFactory _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Templates_round_trip()
    {
        var client = _node.CreateProcOrleansClient();
        var category = await client.CreateServiceCategoryAsync(5, "web");
        var leaf = await client.CreateServiceCategoryAsync(5, "proxy", category.Id);
        var created = await client.CreateServiceTemplateAsync(5, "nginx", leaf.Id, hostApplyEnabled: true);
        Assert.Equal((5L, "nginx", leaf.Id, "client", true), (created.BizId, created.Name, created.ServiceCategoryId, created.Creator, created.HostApplyEnabled));
        Assert.Equal(created, await client.GetServiceTemplateAsync(created.Id));

        var renamed = await client.UpdateServiceTemplateAsync(5, created.Id, name: "nginx-edge");
        Assert.Equal(created with { Name = "nginx-edge", LastTime = renamed.LastTime }, renamed);
        var second = await client.CreateServiceTemplateAsync(5, "php", 2);

        var page = await client.ListServiceTemplatesAsync(new ServiceTemplateQuery(BizId: 5, Limit: 10));
        Assert.Equal(2, page.Count);
        Assert.Equal([second.Id, created.Id], page.Info.Select(t => t.Id));
        Assert.Equal([created.Id], (await client.ListServiceTemplatesAsync(new ServiceTemplateQuery(BizId: 5, ServiceCategoryId: category.Id))).Info.Select(t => t.Id));

        await client.DeleteServiceTemplateAsync(5, second.Id);
        Assert.Equal(1199019, (await Assert.ThrowsAsync<ProcOrleansException>(() => client.GetServiceTemplateAsync(second.Id))).Code);
        Assert.Equal(1199056, (await Assert.ThrowsAsync<ProcOrleansException>(() => client.DeleteServiceCategoryAsync(5, leaf.Id))).Code);
    }
}
