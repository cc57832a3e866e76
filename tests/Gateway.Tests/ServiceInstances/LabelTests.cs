using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ServiceInstances;

/// <summary>add_label_for_service_instance and remove_label_from_service_instance: the rules, the order of checks, all or nothing.</summary>
public sealed class LabelTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    private async Task<JsonNode?> LabelsAsync(long biz, long id)
    {
        var envelope = await _esb.PostAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz, ["service_instance_ids"] = new JsonArray(id) });
        envelope.AssertSuccess();
        return envelope.Data!["info"]!.AsArray().Single(i => i!["id"]!.GetValue<long>() == id)!["labels"];
    }

    private Task<Envelope> AddAsync(long biz, JsonArray ids, JsonObject labels) =>
        _esb.PostAsync("add_label_for_service_instance", new JsonObject { ["bk_biz_id"] = biz, ["instance_ids"] = ids, ["labels"] = labels });

    [Fact]
    public async Task Labels_are_merged_overwritten_removed_and_listed()
    {
        var biz = TestBusinesses.Next();
        var a = await _esb.CreateServiceInstanceAsync(biz, name: "a");
        var b = await _esb.CreateServiceInstanceAsync(biz, name: "b");
        Assert.Null(await LabelsAsync(biz, a));

        var added = await AddAsync(biz, new JsonArray(a, b), new JsonObject { ["env"] = "prod", ["tier"] = "web-1.a_b" });
        added.AssertSuccess();
        Assert.Null(added.Data);
        (await AddAsync(biz, new JsonArray(a), new JsonObject { ["env"] = "test", ["Zone.x-1"] = "z9" })).AssertSuccess();

        Assert.Equal("""{"Zone.x-1":"z9","env":"test","tier":"web-1.a_b"}""", (await LabelsAsync(biz, a))!.ToJsonString());
        Assert.Equal("""{"env":"prod","tier":"web-1.a_b"}""", (await LabelsAsync(biz, b))!.ToJsonString());

        var removed = await _esb.PostAsync("remove_label_from_service_instance", new JsonObject
        {
            ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(a, b), ["keys"] = new JsonArray("env", "absent", "not a key!"),
        });
        removed.AssertSuccess();
        Assert.Equal("""{"Zone.x-1":"z9","tier":"web-1.a_b"}""", (await LabelsAsync(biz, a))!.ToJsonString());
        Assert.Equal("""{"tier":"web-1.a_b"}""", (await LabelsAsync(biz, b))!.ToJsonString());
        (await _esb.PostAsync("remove_label_from_service_instance", new JsonObject
        {
            ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(b), ["keys"] = new JsonArray("tier"),
        })).AssertSuccess();
        Assert.Equal("{}", (await LabelsAsync(biz, b))!.ToJsonString());
    }

    [Fact]
    public async Task Add_refuses_in_the_documented_order_and_changes_nothing()
    {
        var biz = TestBusinesses.Next();
        var mine = await _esb.CreateServiceInstanceAsync(biz, name: "mine");
        var foreign = await _esb.CreateServiceInstanceAsync(TestBusinesses.Next(), name: "foreign");
        var tooMany = new JsonArray(Enumerable.Range(1, 101).Select(i => (JsonNode)i).ToArray());
        var cases = new (JsonObject Body, int Code, string Message)[]
        {
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine), ["labels"] = new JsonObject { ["k"] = 1 } }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray("1"), ["labels"] = new JsonObject() }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(), ["labels"] = new JsonObject { ["bad key"] = "v" } }, 1199010, "'instanceIDs' unassigned"),
            (new() { ["bk_biz_id"] = biz, ["labels"] = new JsonObject { ["k"] = "v" } }, 1199010, "'instanceIDs' unassigned"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = tooMany, ["labels"] = new JsonObject { ["bad key"] = "v" } }, 1199035, "instance_ids exceed the limit 100"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(987654321), ["labels"] = new JsonObject { ["1k"] = "v" } }, 1199006, "'label.1k' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine), ["labels"] = new JsonObject { ["k-"] = "v" } }, 1199006, "'label.k-' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine), ["labels"] = new JsonObject { [new string('k', 64)] = "v" } }, 1199006, $"'label.{new string('k', 64)}' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine), ["labels"] = new JsonObject { ["ok"] = "v", ["k"] = "-v" } }, 1199006, "'label.k:-v' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine), ["labels"] = new JsonObject { ["k"] = "" } }, 1199006, "'label.k:' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine), ["labels"] = new JsonObject { ["k"] = new string('v', 64) } }, 1199006, $"'label.k:{new string('v', 64)}' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine, 987654321), ["labels"] = new JsonObject { ["k"] = "v" } }, 1199006, "'instance_ids' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine, foreign), ["labels"] = new JsonObject { ["k"] = "v" } }, 1199006, "'instance_ids' data parameter verification does not pass"),
        };

        var before = fixture.Factory.SnapshotStorage();
        foreach (var (body, code, message) in cases)
        {
            (await _esb.PostAsync("add_label_for_service_instance", body)).AssertError(code, message);
        }

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
        // 63 bytes is the longest key and value.
        (await AddAsync(biz, new JsonArray(mine), new JsonObject { [new string('k', 63)] = new string('v', 63) })).AssertSuccess();
    }

    [Fact]
    public async Task Remove_refuses_in_the_documented_order_and_changes_nothing()
    {
        var biz = TestBusinesses.Next();
        var mine = await _esb.CreateServiceInstanceAsync(biz, name: "mine");
        (await AddAsync(biz, new JsonArray(mine), new JsonObject { ["k"] = "v" })).AssertSuccess();
        var foreign = await _esb.CreateServiceInstanceAsync(TestBusinesses.Next(), name: "foreign");
        var tooMany = new JsonArray(Enumerable.Range(1, 501).Select(i => (JsonNode)i).ToArray());
        var cases = new (JsonObject Body, int Code, string Message)[]
        {
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine), ["keys"] = new JsonArray(1) }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(), ["keys"] = new JsonArray("k") }, 1199010, "'InstanceIDs' unassigned"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = tooMany, ["keys"] = new JsonArray("k") }, 1199035, "instance_ids exceed the limit 500"),
            (new() { ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine, foreign), ["keys"] = new JsonArray("k") }, 1199006, "'instance_ids' data parameter verification does not pass"),
        };

        var before = fixture.Factory.SnapshotStorage();
        foreach (var (body, code, message) in cases)
        {
            (await _esb.PostAsync("remove_label_from_service_instance", body)).AssertError(code, message);
        }

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
        Assert.Equal("""{"k":"v"}""", (await LabelsAsync(biz, mine))!.ToJsonString());
    }

    [Theory]
    [InlineData("add_label_for_service_instance", "edit_biz_service_instance")]
    [InlineData("remove_label_from_service_instance", "delete_biz_service_instance")]
    public async Task Each_needs_its_permission_on_the_business(string api, string action)
    {
        var biz = TestBusinesses.Next();
        var mine = await _esb.CreateServiceInstanceAsync(biz, name: "mine");
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);
        var before = fixture.Factory.SnapshotStorage();

        var envelope = await reader.PostAsync(api, new JsonObject
        {
            ["bk_biz_id"] = biz, ["instance_ids"] = new JsonArray(mine), ["labels"] = new JsonObject { ["bad key"] = "v" }, ["keys"] = new JsonArray("k"),
        });

        envelope.AssertError(9900403);
        Assert.Equal(action, envelope.Permission!["actions"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }
}
