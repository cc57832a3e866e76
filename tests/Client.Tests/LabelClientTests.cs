namespace ProcOrleans.Client.Tests;

/// <summary>The label methods of the client against a real node.</summary>
public sealed class LabelClientTests : IDisposable
{
    private readonly NodeFactory _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Labels_round_trip()
    {
        var client = _node.CreateProcOrleansClient();
        var ids = await client.CreateServiceInstancesAsync(6, 60, [new NewServiceInstance(600, "a"), new NewServiceInstance(601, "b")]);
        await client.AddServiceInstanceLabelsAsync(6, ids, new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "web" });
        await client.RemoveServiceInstanceLabelsAsync(6, [ids[1]], ["env"]);

        var page = await client.ListServiceInstancesAsync(new ServiceInstanceQuery(6));
        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "web" }, page.Info.Single(i => i.Id == ids[0]).Labels);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "web" }, page.Info.Single(i => i.Id == ids[1]).Labels);
        Assert.Equal(1199006, (await Assert.ThrowsAsync<ProcOrleansException>(() =>
            client.AddServiceInstanceLabelsAsync(6, ids, new Dictionary<string, string> { ["bad key"] = "v" }))).Code);
    }
}
