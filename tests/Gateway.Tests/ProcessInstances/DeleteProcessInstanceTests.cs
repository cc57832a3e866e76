using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ProcessInstances;

public sealed class DeleteProcessInstanceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    private async Task<long[]> CreateAsync(long biz, long instance, params JsonObject[] processes)
    {
        var envelope = await _esb.CreateProcessesAsync(biz, instance, processes);
        envelope.AssertSuccess();
        return envelope.Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
    }

    private Task<Envelope> DeleteAsync(long biz, params long[] ids) =>
        _esb.PostAsync("delete_process_instance", new JsonObject
        {
            ["bk_biz_id"] = biz,
            ["process_instance_ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()),
        });

    private async Task<long[]> InstanceIdsAsync(long biz) =>
        (await _esb.PostAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz }))
            .Data!["info"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToArray();

    [Fact]
    public async Task Deleting_across_instances_removes_the_processes_and_an_emptied_instance()
    {
        var biz = TestBusinesses.Next();
        var first = await _esb.CreateServiceInstanceAsync(biz);
        var second = await _esb.CreateServiceInstanceAsync(biz);
        var a = await CreateAsync(biz, first, EsbTestClient.Process("a1", "f1"), EsbTestClient.Process("a2", "f2"));
        var b = await CreateAsync(biz, second, EsbTestClient.Process("b1"));

        var envelope = await DeleteAsync(biz, a[0], b[0]);

        envelope.AssertSuccess();
        Assert.Null(envelope.Data);
        Assert.Equal([a[1]], (await _esb.ListProcessesAsync(biz, first)).Select(p => p!["property"]!["bk_process_id"]!.GetValue<long>()).ToArray());
        // The second instance lost its last process, so it is gone too.
        Assert.Equal([first], await InstanceIdsAsync(biz));
    }

    [Fact]
    public async Task Another_business_and_unknown_ids_are_not_touched()
    {
        var biz = TestBusinesses.Next();
        var other = TestBusinesses.Next();
        var theirs = await CreateAsync(other, await _esb.CreateServiceInstanceAsync(other), EsbTestClient.Process("t"));
        var before = fixture.Factory.SnapshotStorage();

        (await DeleteAsync(biz, theirs[0], 987654321)).AssertSuccess();

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Fact]
    public async Task Size_errors_and_permission_store_nothing()
    {
        var biz = TestBusinesses.Next();
        var ids = await CreateAsync(biz, await _esb.CreateServiceInstanceAsync(biz), EsbTestClient.Process("p"));
        var before = fixture.Factory.SnapshotStorage();
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);

        (await DeleteAsync(biz)).AssertError(1199010, "'bk_process_id' unassigned");
        (await DeleteAsync(biz, Enumerable.Range(1, 501).Select(i => (long)i).ToArray())).AssertError(1199035, "delete process instances exceed the limit 500");
        (await reader.PostAsync("delete_process_instance", new JsonObject { ["bk_biz_id"] = biz, ["process_instance_ids"] = new JsonArray(ids[0]) }))
            .AssertError(9900403);

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }
}
