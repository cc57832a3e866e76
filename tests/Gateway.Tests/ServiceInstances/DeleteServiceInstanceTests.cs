using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ServiceInstances;

public sealed class DeleteServiceInstanceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    [Fact]
    public async Task Deleting_removes_the_instances_and_their_processes_but_not_another_business()
    {
        var biz = TestBusinesses.Next();
        var other = TestBusinesses.Next();
        var doomed = await _esb.CreateServiceInstanceAsync(biz);
        var kept = await _esb.CreateServiceInstanceAsync(biz);
        var foreign = await _esb.CreateServiceInstanceAsync(other);
        var processIds = (await _esb.CreateProcessesAsync(biz, doomed, EsbTestClient.Process("a"))).Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
        (await _esb.CreateProcessesAsync(other, foreign, EsbTestClient.Process("a"))).AssertSuccess();

        var envelope = await _esb.PostAsync("delete_service_instance", new JsonObject
        {
            ["bk_biz_id"] = biz, ["service_instance_ids"] = new JsonArray(doomed, foreign, 987654321),
        });

        envelope.AssertSuccess();
        Assert.Null(envelope.Data);
        Assert.Empty(await _esb.ListProcessesAsync(biz, doomed));
        Assert.Single(await _esb.ListProcessesAsync(other, foreign));
        var left = (await _esb.PostAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz })).Data!["info"]!.AsArray();
        Assert.Equal([kept], left.Select(i => i!["id"]!.GetValue<long>()).ToArray());
        var details = await _esb.PostAsync("list_process_detail_by_ids", new JsonObject { ["bk_biz_id"] = biz, ["bk_process_ids"] = new JsonArray(processIds[0]) });
        Assert.Empty(details.Data!.AsArray());

        // The id is gone for good: creating processes on it now finds nothing.
        (await _esb.CreateProcessesAsync(biz, doomed, EsbTestClient.Process("b"))).AssertError(1199019);
    }

    [Fact]
    public async Task Errors_store_nothing()
    {
        var biz = TestBusinesses.Next();
        var id = await _esb.CreateServiceInstanceAsync(biz);
        var before = fixture.Factory.SnapshotStorage();
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);

        (await _esb.PostAsync("delete_service_instance", new JsonObject { ["bk_biz_id"] = biz, ["service_instance_ids"] = new JsonArray() }))
            .AssertError(1199010, "'service_instance_ids' unassigned");
        (await _esb.PostAsync("delete_service_instance", new JsonObject { ["bk_biz_id"] = biz, ["service_instance_ids"] = new JsonArray(Enumerable.Range(1, 501).Select(i => (JsonNode)i).ToArray()) }))
            .AssertError(1199035, "delete service instances exceed the limit 500");
        var denied = await reader.PostAsync("delete_service_instance", new JsonObject { ["bk_biz_id"] = biz, ["service_instance_ids"] = new JsonArray(id) });
        denied.AssertError(9900403);
        Assert.Equal("delete_biz_service_instance", denied.Permission!["actions"]![0]!["id"]!.GetValue<string>());

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }
}
