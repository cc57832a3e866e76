using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ProcessInstances;

public sealed class ListProcessDetailByIdsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    [Fact]
    public async Task Details_come_in_id_order_for_the_business_only_and_fields_pick_keys()
    {
        var biz = TestBusinesses.Next();
        var other = TestBusinesses.Next();
        var mine = (await _esb.CreateProcessesAsync(biz, await _esb.CreateServiceInstanceAsync(biz), EsbTestClient.Process("a", "fa"), EsbTestClient.Process("b", "fb")))
            .Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
        var theirs = (await _esb.CreateProcessesAsync(other, await _esb.CreateServiceInstanceAsync(other), EsbTestClient.Process("c")))
            .Data!.AsArray().Select(n => n!.GetValue<long>()).ToArray();

        var all = await _esb.PostAsync("list_process_detail_by_ids", new JsonObject
        {
            ["bk_biz_id"] = biz, ["bk_process_ids"] = new JsonArray(mine[1], theirs[0], mine[0], 987654321),
        });
        all.AssertSuccess();
        var listed = all.Data!.AsArray();
        Assert.Equal(mine, listed.Select(p => p!["bk_process_id"]!.GetValue<long>()).ToArray());
        Assert.Equal(26, listed[0]!.AsObject().Count);

        var picked = await _esb.PostAsync("list_process_detail_by_ids", new JsonObject
        {
            ["bk_biz_id"] = biz, ["bk_process_ids"] = new JsonArray(mine[0]), ["fields"] = new JsonArray("bk_process_name", "bk_process_id", "nonsense"),
        });
        Assert.Equal($$"""[{"bk_process_id":{{mine[0]}},"bk_process_name":"a"}]""", picked.Data!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"bk_process_ids": [1]}""", 1199006, "'bk_biz_id' data parameter verification does not pass")]
    [InlineData("""{"bk_biz_id": 1, "bk_process_ids": []}""", 1199010, "'bk_process_ids' unassigned")]
    [InlineData("""{"bk_biz_id": 1}""", 1199010, "'bk_process_ids' unassigned")]
    [InlineData("""{"bk_biz_id": 1, "bk_process_ids": [1], "fields": [1]}""", 1199000, "Deserializing JSON data failed")]
    public async Task Bad_parameters_get_their_codes(string body, int code, string message)
    {
        (await _esb.PostAsync("list_process_detail_by_ids", JsonNode.Parse(body)!.AsObject())).AssertError(code, message);
    }

    [Fact]
    public async Task More_than_500_ids_is_1199035()
    {
        (await _esb.PostAsync("list_process_detail_by_ids", new JsonObject
        {
            ["bk_biz_id"] = 1, ["bk_process_ids"] = new JsonArray(Enumerable.Range(1, 501).Select(i => (JsonNode)i).ToArray()),
        })).AssertError(1199035, "bk_process_ids exceed the limit 500");
    }
}
