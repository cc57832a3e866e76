using Microsoft.Extensions.DependencyInjection;

namespace ProcOrleans.Client.Tests;

/// <summary>The client round-trips every API against a real node.</summary>
public sealed class ProcOrleansClientTests : IDisposable
{
    private readonly NodeFactory _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Every_api_round_trips()
    {
        var client = _node.CreateProcOrleansClient();
        var ids = await client.CreateServiceInstancesAsync(3, 30,
        [
            new NewServiceInstance(300, "web", [new ProcessInfo
            {
                ProcessName = "nginx", FuncName = "nginx", StartCmd = "nginx", Priority = 5, AutoStart = true,
                BindInfo = [new BindInfo("80", "1", true, "10.0.0.1", 7)],
            }]),
            new NewServiceInstance(301),
        ]);
        Assert.Equal(2, ids.Count);

        var created = await client.CreateProcessInstancesAsync(3, ids[1], [new ProcessInfo { ProcessName = "php", FuncName = "php-fpm" }]);
        var listed = await client.ListProcessInstancesAsync(3, ids[0]);
        var nginx = Assert.Single(listed);
        Assert.Equal(("nginx", "nginx", 5L, true), (nginx.Property.ProcessName, nginx.Property.StartCmd, nginx.Property.Priority, nginx.Property.AutoStart));
        Assert.Equal(new BindInfo("80", "1", true, "10.0.0.1", 7), Assert.Single(nginx.Property.BindInfo!));
        Assert.Equal((3L, ids[0], 300L, 0L), (nginx.Relation.BizId, nginx.Relation.ServiceInstanceId, nginx.Relation.HostId, nginx.Relation.ProcessTemplateId));
        Assert.Equal(TimeSpan.FromHours(8), nginx.Property.CreateTime!.Value.Offset);

        var updated = await client.UpdateProcessInstancesAsync(3, [new ProcessInfo { ProcessId = created[0], ProcessName = "php8", FuncName = "php-fpm" }]);
        Assert.Equal(created, updated);
        var details = await client.ListProcessDetailsByIdsAsync(3, [created[0], nginx.Property.ProcessId!.Value], ["bk_process_name"]);
        Assert.Equal(["nginx", "php8"], details.Select(d => d.ProcessName));
        Assert.All(details, d => Assert.Null(d.StartCmd));

        var page = await client.ListServiceInstancesAsync(new ServiceInstanceQuery(3, Page: new Page(0, 10, "-name")));
        Assert.Equal(2, page.Count);
        // The second instance had no process to name it after when it was created.
        Assert.Equal(["web", ""], page.Info.Select(i => i.Name));
        Assert.Equal("client", page.Info[0].Creator);
        var detail = await client.ListServiceInstanceDetailsAsync(new ServiceInstanceQuery(3, ServiceInstanceIds: [ids[0]]));
        Assert.Equal("nginx", Assert.Single(Assert.Single(detail.Info).ProcessInstances!).Process.ProcessName);

        await client.DeleteProcessInstancesAsync(3, [created[0]]);
        Assert.Equal([ids[0]], (await client.ListServiceInstancesAsync(new ServiceInstanceQuery(3))).Info.Select(i => i.Id));
        await client.DeleteServiceInstancesAsync(3, [ids[0]]);
        Assert.Equal(0, (await client.ListServiceInstancesAsync(new ServiceInstanceQuery(3))).Count);
    }

    [Fact]
    public async Task Refusals_raise_an_exception_with_the_code_and_request_id()
    {
        var client = _node.CreateProcOrleansClient();
        var failure = await Assert.ThrowsAsync<ProcOrleansException>(() =>
            client.CreateProcessInstancesAsync(1, 987654321, [new ProcessInfo { ProcessName = "p", FuncName = "f" }]));
        Assert.Equal(1199019, failure.Code);
        Assert.Equal("No relevant data found", failure.ServiceMessage);
        Assert.Matches("^[0-9a-f]{32}$", failure.RequestId);

        var intruder = _node.CreateProcOrleansClient("wrong");
        Assert.Equal(9900401, (await Assert.ThrowsAsync<ProcOrleansException>(() => intruder.ListProcessInstancesAsync(1, 1))).Code);
    }

    [Fact]
    public async Task The_client_registers_as_a_typed_http_client()
    {
        var services = new ServiceCollection();
        services.AddProcOrleansClient(o =>
            {
                o.AppCode = NodeFactory.AppCode;
                o.AppSecret = NodeFactory.AppSecret;
                o.BaseAddress = new Uri("http://localhost/");
            })
            .ConfigurePrimaryHttpMessageHandler(() => _node.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ProcOrleansClient>();
        Assert.Empty(await client.ListProcessInstancesAsync(1, 1));
    }
}
