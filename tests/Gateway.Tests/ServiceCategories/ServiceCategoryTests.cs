using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ServiceCategories;

/// <summary>TEMPLATES.md "Service categories": two levels, the built-ins, the checks in their order.</summary>
public sealed class ServiceCategoryTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string BuiltIns =
        """{"bk_biz_id":0,"id":1,"name":"Default","bk_root_id":1,"bk_parent_id":0,"bk_supplier_account":"0","is_built_in":true},"""
        + """{"bk_biz_id":0,"id":2,"name":"Default","bk_root_id":1,"bk_parent_id":1,"bk_supplier_account":"0","is_built_in":true}""";

    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    private async Task<JsonNode> CreateAsync(long biz, string name, long parent = 0)
    {
        var envelope = await _esb.PostAsync("create_service_category", new JsonObject { ["bk_biz_id"] = biz, ["name"] = name, ["bk_parent_id"] = parent });
        envelope.AssertSuccess();
        return envelope.Data!;
    }

    private async Task<JsonObject> ListAsync(long biz)
    {
        var envelope = await _esb.PostAsync("list_service_category", new JsonObject { ["bk_biz_id"] = biz });
        envelope.AssertSuccess();
        return envelope.Data!.AsObject();
    }

    private static long Id(JsonNode category) => category["id"]!.GetValue<long>();

    [Fact]
    public async Task A_new_business_sees_only_the_built_in_default_pair()
    {
        var listed = await ListAsync(TestBusinesses.Next());
        Assert.Equal($$"""{"count":2,"info":[{{BuiltIns}}]}""", listed.ToJsonString());
    }

    [Fact]
    public async Task Categories_of_two_levels_are_created_and_listed_by_name_with_the_built_ins()
    {
        var biz = TestBusinesses.Next();
        var database = await CreateAsync(biz, "数据库");
        var mysql = await CreateAsync(biz, "MySQL", Id(database));
        var apache = await CreateAsync(biz, "Apache");
        // A child of the built-in root belongs to the business that made it.
        var custom = await CreateAsync(biz, "custom:(1)-x_y", 1);
        await CreateAsync(TestBusinesses.Next(), "Other");

        // Parsed, so that both sides escape the Han name alike.
        Assert.Equal(
            JsonNode.Parse($$"""{"bk_biz_id":{{biz}},"id":{{Id(database)}},"name":"数据库","bk_root_id":{{Id(database)}},"bk_parent_id":0,"bk_supplier_account":"0","is_built_in":false}""")!.ToJsonString(),
            database.ToJsonString());
        Assert.Equal(
            $$"""{"bk_biz_id":{{biz}},"id":{{Id(mysql)}},"name":"MySQL","bk_root_id":{{Id(database)}},"bk_parent_id":{{Id(database)}},"bk_supplier_account":"0","is_built_in":false}""",
            mysql.ToJsonString());
        Assert.Equal((1L, 1L), (custom["bk_root_id"]!.GetValue<long>(), custom["bk_parent_id"]!.GetValue<long>()));

        var listed = await ListAsync(biz);
        Assert.Equal(6, listed["count"]!.GetValue<int>());
        Assert.Equal(
            ["Apache", "Default", "Default", "MySQL", "custom:(1)-x_y", "数据库"],
            listed["info"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(apache.ToJsonString(), listed["info"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task The_list_never_fails_and_shows_only_the_built_ins_without_a_business()
    {
        foreach (var body in new[] { new JsonObject(), new JsonObject { ["bk_biz_id"] = "x" }, new JsonObject { ["bk_biz_id"] = -4 } })
        {
            var envelope = await _esb.PostAsync("list_service_category", body);
            envelope.AssertSuccess();
            Assert.Equal($$"""{"count":2,"info":[{{BuiltIns}}]}""", envelope.Data!.ToJsonString());
        }
    }

    [Fact]
    public async Task Create_refuses_bad_input_in_the_documented_order_and_stores_nothing()
    {
        var biz = TestBusinesses.Next();
        var root = await CreateAsync(biz, "root");
        var child = await CreateAsync(biz, "child", Id(root));
        var foreign = await CreateAsync(TestBusinesses.Next(), "foreign");
        var cases = new (JsonObject Body, int Code, string Message)[]
        {
            (new() { ["bk_biz_id"] = biz, ["name"] = 5 }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = "1", ["name"] = "a" }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["bk_parent_id"] = "1" }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = 0 }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "" }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "has space" }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = " padded" }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "dot.ted" }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "é" }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = new string('a', 129) }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = 0, ["name"] = "a" }, 1199006, "'bk_biz_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = -1, ["name"] = "a" }, 1199006, "'bk_biz_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["bk_parent_id"] = 987654321 }, 1199006, "'bk_parent_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["bk_parent_id"] = Id(child) }, 1199006, "'bk_parent_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["bk_parent_id"] = Id(foreign) }, 1199006, "'bk_parent_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "root" }, 1113017, "service caetgory name [root] duplicated"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "Default" }, 1113017, "service caetgory name [Default] duplicated"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "Default", ["bk_parent_id"] = Id(root) }, 1113017, "service caetgory name [Default] duplicated"),
            // Second-level names are unique across parents.
            (new() { ["bk_biz_id"] = biz, ["name"] = "child", ["bk_parent_id"] = 1 }, 1113017, "service caetgory name [child] duplicated"),
        };

        var before = fixture.Factory.SnapshotStorage();
        foreach (var (body, code, message) in cases)
        {
            var envelope = await _esb.PostAsync("create_service_category", body);
            envelope.AssertError(code, message);
        }

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Fact]
    public async Task Names_may_repeat_across_levels_and_businesses_and_take_128_han_characters()
    {
        var biz = TestBusinesses.Next();
        var root = await CreateAsync(biz, "web");
        await CreateAsync(biz, "web", Id(root));
        await CreateAsync(TestBusinesses.Next(), "web");
        var long128 = await CreateAsync(biz, new string('服', 128));
        Assert.Equal(128, long128["name"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Update_renames_only_and_refuses_in_the_documented_order()
    {
        var biz = TestBusinesses.Next();
        var root = await CreateAsync(biz, "root");
        var child = await CreateAsync(biz, "child", Id(root));
        await CreateAsync(biz, "taken");
        var foreign = await CreateAsync(TestBusinesses.Next(), "foreign");

        var renamed = await _esb.PostAsync("update_service_category", new JsonObject
        {
            ["bk_biz_id"] = biz, ["id"] = Id(child), ["name"] = "renamed", ["bk_parent_id"] = 0, ["bk_root_id"] = 99,
        });
        renamed.AssertSuccess();
        Assert.Equal(child.ToJsonString().Replace("\"child\"", "\"renamed\"", StringComparison.Ordinal), renamed.Data!.ToJsonString());
        // Its own name again is not a duplicate.
        (await _esb.PostAsync("update_service_category", new JsonObject { ["bk_biz_id"] = biz, ["id"] = Id(root), ["name"] = "root" })).AssertSuccess();

        var cases = new (JsonObject Body, int Code, string Message)[]
        {
            (new() { ["bk_biz_id"] = biz, ["id"] = "1", ["name"] = "x" }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = biz, ["id"] = 987654321, ["name"] = "bad name" }, 1199019, "No relevant data found"),
            (new() { ["bk_biz_id"] = biz, ["id"] = Id(foreign), ["name"] = "x" }, 1199019, "No relevant data found"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "x" }, 1199019, "No relevant data found"),
            (new() { ["bk_biz_id"] = biz, ["id"] = Id(root), ["name"] = "bad name" }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["id"] = Id(root) }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["id"] = 1, ["name"] = "x" }, 1199054, "operate built-in object forbidden"),
            (new() { ["bk_biz_id"] = biz, ["id"] = Id(root), ["name"] = "taken" }, 1113017, "service caetgory name [taken] duplicated"),
            (new() { ["bk_biz_id"] = biz, ["id"] = Id(root), ["name"] = "Default" }, 1113017, "service caetgory name [Default] duplicated"),
            (new() { ["bk_biz_id"] = biz, ["id"] = Id(child), ["name"] = "Default" }, 1113017, "service caetgory name [Default] duplicated"),
        };

        var before = fixture.Factory.SnapshotStorage();
        foreach (var (body, code, message) in cases)
        {
            (await _esb.PostAsync("update_service_category", body)).AssertError(code, message);
        }

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
    }

    [Fact]
    public async Task Delete_removes_a_leaf_and_refuses_built_ins_parents_and_unknown_ids()
    {
        var biz = TestBusinesses.Next();
        var root = await CreateAsync(biz, "root");
        var child = await CreateAsync(biz, "child", Id(root));
        var foreign = await CreateAsync(TestBusinesses.Next(), "foreign");
        var cases = new (JsonObject Body, int Code, string Message)[]
        {
            (new() { ["bk_biz_id"] = biz, ["id"] = true }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = biz, ["id"] = 987654321 }, 1199019, "No relevant data found"),
            (new() { ["bk_biz_id"] = biz, ["id"] = Id(foreign) }, 1199019, "No relevant data found"),
            (new() { ["bk_biz_id"] = biz, ["id"] = 1 }, 1199054, "operate built-in object forbidden"),
            (new() { ["bk_biz_id"] = biz, ["id"] = 2 }, 1199054, "operate built-in object forbidden"),
            (new() { ["bk_biz_id"] = biz, ["id"] = Id(root) }, 1199055, "forbidden remove item with child node"),
        };

        var before = fixture.Factory.SnapshotStorage();
        foreach (var (body, code, message) in cases)
        {
            (await _esb.PostAsync("delete_service_category", body)).AssertError(code, message);
        }

        Assert.Equal(before, fixture.Factory.SnapshotStorage());

        var deleted = await _esb.PostAsync("delete_service_category", new JsonObject { ["bk_biz_id"] = biz, ["id"] = Id(child) });
        deleted.AssertSuccess();
        Assert.Null(deleted.Data);
        (await _esb.PostAsync("delete_service_category", new JsonObject { ["bk_biz_id"] = biz, ["id"] = Id(root) })).AssertSuccess();
        Assert.Equal($$"""{"count":2,"info":[{{BuiltIns}}]}""", (await ListAsync(biz)).ToJsonString());
        // The name is free again.
        await CreateAsync(biz, "root");
    }

    [Theory]
    [InlineData("create_service_category", "create_biz_service_category", "服务分类新建")]
    [InlineData("update_service_category", "edit_biz_service_category", "服务分类编辑")]
    [InlineData("delete_service_category", "delete_biz_service_category", "服务分类删除")]
    public async Task Writes_need_their_permission_on_the_business(string api, string action, string actionName)
    {
        var biz = TestBusinesses.Next();
        var root = await CreateAsync(biz, "root");
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);
        var before = fixture.Factory.SnapshotStorage();

        var envelope = await reader.PostAsync(api, new JsonObject { ["bk_biz_id"] = biz, ["id"] = Id(root), ["name"] = "other" });

        envelope.AssertError(9900403, "Do not have access permission.");
        var permissionAction = envelope.Permission!["actions"]![0]!;
        Assert.Equal((action, actionName), (permissionAction["id"]!.GetValue<string>(), permissionAction["name"]!.GetValue<string>()));
        var instance = permissionAction["related_resource_types"]![0]!["instances"]![0]![0]!;
        Assert.Equal(("biz", biz.ToString(System.Globalization.CultureInfo.InvariantCulture)), (instance["type"]!.GetValue<string>(), instance["id"]!.GetValue<string>()));
        Assert.Equal(before, fixture.Factory.SnapshotStorage());
        (await reader.PostAsync("list_service_category", new JsonObject { ["bk_biz_id"] = biz })).AssertSuccess();
    }

    [Fact]
    public async Task Messages_follow_the_language_header()
    {
        var biz = TestBusinesses.Next();
        await CreateAsync(biz, "dup");
        var envelope = await _esb.PostAsync("create_service_category", new JsonObject { ["bk_biz_id"] = biz, ["name"] = "dup" },
            new Dictionary<string, string> { ["Blueking-Language"] = "zh-cn" });
        envelope.AssertError(1113017, "服务分类名称【dup】重复");
    }

    [Fact]
    public async Task Categories_survive_a_restart_and_ids_go_on()
    {
        var biz = TestBusinesses.Next();
        string folder;
        string listed;
        long first;
        using (var node = new GatewayFactory())
        {
            folder = node.DataFolder;
            var esb = node.CreateEsbClient();
            var created = await esb.PostAsync("create_service_category", new JsonObject { ["bk_biz_id"] = biz, ["name"] = "kept" });
            created.AssertSuccess();
            first = Id(created.Data!);
            Assert.True(first >= 3, "ids 1 and 2 are the built-ins'");
            listed = (await esb.PostAsync("list_service_category", new JsonObject { ["bk_biz_id"] = biz })).Data!.ToJsonString();
        }

        using (var restarted = new GatewayFactory(folder))
        {
            var esb = restarted.CreateEsbClient();
            Assert.Equal(listed, (await esb.PostAsync("list_service_category", new JsonObject { ["bk_biz_id"] = biz })).Data!.ToJsonString());
            var again = await esb.PostAsync("create_service_category", new JsonObject { ["bk_biz_id"] = biz, ["name"] = "kept" });
            again.AssertError(1113017);
            var next = await esb.PostAsync("create_service_category", new JsonObject { ["bk_biz_id"] = biz, ["name"] = "next" });
            next.AssertSuccess();
            Assert.True(Id(next.Data!) > first);
        }
    }
}
