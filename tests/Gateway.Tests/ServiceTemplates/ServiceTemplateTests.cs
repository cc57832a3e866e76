using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ServiceTemplates;

/// <summary>TEMPLATES.md "Service templates": the record, the checks in their order, permissions, listing.</summary>
public sealed class ServiceTemplateTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    // The built-in second-level Default: a leaf every business may use.
    private const long DefaultLeaf = 2;

    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    private async Task<JsonNode> CreateAsync(long biz, string name, long category = DefaultLeaf)
    {
        var envelope = await _esb.PostAsync("create_service_template", new JsonObject { ["bk_biz_id"] = biz, ["name"] = name, ["service_category_id"] = category });
        envelope.AssertSuccess();
        return envelope.Data!;
    }

    private async Task<long> CategoryAsync(long biz, string name, long parent = 0)
    {
        var envelope = await _esb.PostAsync("create_service_category", new JsonObject { ["bk_biz_id"] = biz, ["name"] = name, ["bk_parent_id"] = parent });
        envelope.AssertSuccess();
        return Id(envelope.Data!);
    }

    private static long Id(JsonNode node) => node["id"]!.GetValue<long>();

    private Task<Envelope> ListAsync(JsonObject body) => _esb.PostAsync("list_service_template", body);

    [Fact]
    public async Task A_template_is_created_with_bk_cmdbs_record_and_read_back_by_id()
    {
        var biz = TestBusinesses.Next();
        var envelope = await _esb.PostAsync("create_service_template", new JsonObject
        {
            ["bk_biz_id"] = biz, ["name"] = "  nginx  ", ["service_category_id"] = DefaultLeaf, ["host_apply_enabled"] = true,
        });

        envelope.AssertSuccess();
        var template = envelope.Data!.AsObject();
        Assert.Equal(
            ["bk_biz_id", "id", "name", "service_category_id", "creator", "modifier", "create_time", "last_time", "bk_supplier_account", "host_apply_enabled"],
            template.Select(p => p.Key));
        Assert.Equal((biz, "nginx", DefaultLeaf, "admin", "admin", "0", true), (
            template["bk_biz_id"]!.GetValue<long>(), template["name"]!.GetValue<string>(), template["service_category_id"]!.GetValue<long>(),
            template["creator"]!.GetValue<string>(), template["modifier"]!.GetValue<string>(), template["bk_supplier_account"]!.GetValue<string>(),
            template["host_apply_enabled"]!.GetValue<bool>()));
        Assert.EndsWith("+08:00", template["create_time"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(template["create_time"]!.GetValue<string>(), template["last_time"]!.GetValue<string>());

        var got = await _esb.PostAsync("get_service_template", new JsonObject { ["service_template_id"] = Id(template) });
        got.AssertSuccess();
        Assert.Equal(template.ToJsonString(), got.Data!.ToJsonString());
        Assert.False((await CreateAsync(biz, "php"))["host_apply_enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Create_refuses_bad_input_in_the_documented_order_and_stores_nothing()
    {
        var biz = TestBusinesses.Next();
        await CreateAsync(biz, "taken");
        var other = TestBusinesses.Next();
        var foreignRoot = await CategoryAsync(other, "froot");
        var foreignLeaf = await CategoryAsync(other, "fleaf", foreignRoot);
        const string badName = "'name' data parameter verification does not pass";
        var cases = new List<(JsonObject Body, int Code, string Message)>
        {
            (new() { ["bk_biz_id"] = biz, ["name"] = 1, ["service_category_id"] = DefaultLeaf }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["service_category_id"] = "2" }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["service_category_id"] = DefaultLeaf, ["host_apply_enabled"] = "yes" }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = 0, ["service_category_id"] = 0 }, 1199006, badName),
            (new() { ["bk_biz_id"] = biz, ["name"] = "   ", ["service_category_id"] = DefaultLeaf }, 1199006, badName),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a b", ["service_category_id"] = DefaultLeaf }, 1199006, badName),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a\tb", ["service_category_id"] = DefaultLeaf }, 1199006, badName),
            (new() { ["bk_biz_id"] = biz, ["name"] = new string('x', 257), ["service_category_id"] = DefaultLeaf }, 1199006, badName),
            (new() { ["bk_biz_id"] = 0, ["name"] = "a", ["service_category_id"] = DefaultLeaf }, 1199006, "'bk_biz_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["service_category_id"] = 987654321 }, 1199006, "'service_category_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a" }, 1199006, "'service_category_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["service_category_id"] = 1 }, 1113032, "only leaf node available"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["service_category_id"] = foreignRoot }, 1113032, "only leaf node available"),
            (new() { ["bk_biz_id"] = biz, ["name"] = "a", ["service_category_id"] = foreignLeaf }, 1199006, "'bk_biz_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["name"] = " taken ", ["service_category_id"] = DefaultLeaf }, 1199014, "duplicated instances exist, fields [name] duplicated"),
        };
        foreach (var c in "\\|/:*,<>\"?#")
        {
            cases.Add((new() { ["bk_biz_id"] = biz, ["name"] = $"a{c}b", ["service_category_id"] = DefaultLeaf }, 1199006, badName));
        }

        var before = fixture.Factory.SnapshotStorage();
        foreach (var (body, code, message) in cases)
        {
            (await _esb.PostAsync("create_service_template", body)).AssertError(code, message);
        }

        Assert.Equal(before, fixture.Factory.SnapshotStorage());
        // 256 characters, Han included, are allowed; the same name in another business too.
        await CreateAsync(biz, new string('模', 256));
        await CreateAsync(other, "taken", foreignLeaf);
    }

    [Fact]
    public async Task Get_answers_any_business_and_1199019_for_unknown_ids()
    {
        var template = await CreateAsync(TestBusinesses.Next(), "anywhere");
        (await _esb.PostAsync("get_service_template", new JsonObject { ["service_template_id"] = Id(template), ["bk_biz_id"] = 1 })).AssertSuccess();
        (await _esb.PostAsync("get_service_template", new JsonObject { ["service_template_id"] = 987654321 })).AssertError(1199019, "No relevant data found");
        (await _esb.PostAsync("get_service_template", new JsonObject())).AssertError(1199019);
        (await _esb.PostAsync("get_service_template", new JsonObject { ["service_template_id"] = "1" })).AssertError(1199000);
    }

    [Fact]
    public async Task List_filters_pages_newest_first_and_checks_the_page()
    {
        var biz = TestBusinesses.Next();
        var root = await CategoryAsync(biz, "web");
        var leafA = await CategoryAsync(biz, "proxy", root);
        var leafB = await CategoryAsync(biz, "php", root);
        var a = Id(await CreateAsync(biz, "Nginx-Edge", leafA));
        var b = Id(await CreateAsync(biz, "nginx", leafB));
        var c = Id(await CreateAsync(biz, "mysql"));
        await CreateAsync(TestBusinesses.Next(), "nginx");

        async Task<long[]> IdsAsync(JsonObject body)
        {
            body["bk_biz_id"] ??= biz;
            body["page"] ??= new JsonObject { ["start"] = 0, ["limit"] = 10 };
            var envelope = await ListAsync(body);
            envelope.AssertSuccess();
            var info = envelope.Data!["info"]!.AsArray();
            Assert.Equal(info.Count, envelope.Data!["count"]!.GetValue<int>());
            return [.. info.Select(t => t!["id"]!.GetValue<long>())];
        }

        Assert.Equal([c, b, a], await IdsAsync(new JsonObject()));
        Assert.Equal([b, a], await IdsAsync(new JsonObject { ["service_category_id"] = root }));
        Assert.Equal([a], await IdsAsync(new JsonObject { ["service_category_id"] = leafA }));
        Assert.Equal([b, a], await IdsAsync(new JsonObject { ["search"] = "NGINX" }));
        Assert.Equal([b], await IdsAsync(new JsonObject { ["search"] = "nginx", ["is_exact"] = true }));
        Assert.Equal([c, a], await IdsAsync(new JsonObject { ["service_template_ids"] = new JsonArray(a, c, 987654321) }));

        var page = await ListAsync(new JsonObject { ["bk_biz_id"] = biz, ["page"] = new JsonObject { ["start"] = 1, ["limit"] = 1 } });
        page.AssertSuccess();
        Assert.Equal(3, page.Data!["count"]!.GetValue<int>());
        Assert.Equal(b, page.Data!["info"]![0]!["id"]!.GetValue<long>());

        foreach (var bad in new JsonNode?[] { null, new JsonObject(), new JsonObject { ["limit"] = 0 }, new JsonObject { ["limit"] = 1001 }, new JsonObject { ["start"] = -1, ["limit"] = 10 } })
        {
            var body = new JsonObject { ["bk_biz_id"] = biz };
            if (bad is not null)
            {
                body["page"] = bad.DeepClone();
            }

            (await ListAsync(body)).AssertError(1199059, "page limit is exceeded. suggestion 200");
        }
    }

    [Fact]
    public async Task Update_changes_name_and_category_and_refuses_in_the_documented_order()
    {
        var biz = TestBusinesses.Next();
        var root = await CategoryAsync(biz, "web");
        var leaf = await CategoryAsync(biz, "proxy", root);
        var template = await CreateAsync(biz, "nginx");
        await CreateAsync(biz, "taken");
        var foreign = await CreateAsync(TestBusinesses.Next(), "foreign");
        var foreignLeaf = await CategoryAsync(TestBusinesses.Next(), "fleaf");
        var id = Id(template);

        var unchanged = await _esb.PostAsync("update_service_template", new JsonObject { ["bk_biz_id"] = biz, ["id"] = id });
        unchanged.AssertSuccess();
        Assert.Equal(template.ToJsonString(), unchanged.Data!.ToJsonString());

        var cases = new (JsonObject Body, int Code, string Message)[]
        {
            (new() { ["bk_biz_id"] = biz, ["id"] = id, ["name"] = 3 }, 1199000, "Deserializing JSON data failed"),
            (new() { ["bk_biz_id"] = biz, ["id"] = 987654321, ["name"] = "x" }, 1199019, "No relevant data found"),
            (new() { ["bk_biz_id"] = biz, ["id"] = Id(foreign), ["name"] = "x" }, 1199019, "No relevant data found"),
            (new() { ["bk_biz_id"] = biz, ["id"] = id, ["service_category_id"] = 987654321, ["name"] = "bad name" }, 1199006, "'service_category_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["id"] = id, ["service_category_id"] = foreignLeaf }, 1199006, "'service_category_id' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["id"] = id, ["service_category_id"] = root }, 1113032, "only leaf node available"),
            (new() { ["bk_biz_id"] = biz, ["id"] = id, ["name"] = "taken" }, 1199014, "duplicated instances exist, fields [name] duplicated"),
            (new() { ["bk_biz_id"] = biz, ["id"] = id, ["name"] = "bad/name" }, 1199006, "'name' data parameter verification does not pass"),
            (new() { ["bk_biz_id"] = biz, ["id"] = id, ["name"] = "" }, 1199006, "'name' data parameter verification does not pass"),
        };
        var before = fixture.Factory.SnapshotStorage();
        foreach (var (body, code, message) in cases)
        {
            (await _esb.PostAsync("update_service_template", body)).AssertError(code, message);
        }

        Assert.Equal(before, fixture.Factory.SnapshotStorage());

        await Task.Delay(5);
        var updated = await _esb.PostAsync("update_service_template", new JsonObject
        {
            ["bk_biz_id"] = biz, ["id"] = id, ["name"] = " nginx2 ", ["service_category_id"] = leaf,
        });
        updated.AssertSuccess();
        var data = updated.Data!;
        Assert.Equal(("nginx2", leaf, template["create_time"]!.GetValue<string>()), (data["name"]!.GetValue<string>(), data["service_category_id"]!.GetValue<long>(), data["create_time"]!.GetValue<string>()));
        Assert.NotEqual(template["last_time"]!.GetValue<string>(), data["last_time"]!.GetValue<string>());
        var got = await _esb.PostAsync("get_service_template", new JsonObject { ["service_template_id"] = id });
        Assert.Equal(data.ToJsonString(), got.Data!.ToJsonString());
        // The old name is free again.
        await CreateAsync(biz, "nginx");
    }

    [Fact]
    public async Task Delete_removes_the_template_and_answers_1108030_for_every_refusal()
    {
        var biz = TestBusinesses.Next();
        var template = Id(await CreateAsync(biz, "gone"));
        var used = Id(await CreateAsync(biz, "used"));
        var foreign = Id(await CreateAsync(TestBusinesses.Next(), "foreign"));
        await InsertInstanceOfTemplateAsync(biz, used);

        foreach (var id in new[] { 987654321L, foreign, used, 0 })
        {
            (await _esb.PostAsync("delete_service_template", new JsonObject { ["bk_biz_id"] = biz, ["service_template_id"] = id }))
                .AssertError(1108030, "delete service template failed");
        }

        (await _esb.PostAsync("delete_service_template", new JsonObject { ["bk_biz_id"] = biz, ["service_template_id"] = "1" })).AssertError(1199000);
        var deleted = await _esb.PostAsync("delete_service_template", new JsonObject { ["bk_biz_id"] = biz, ["service_template_id"] = template });
        deleted.AssertSuccess();
        Assert.Null(deleted.Data);
        (await _esb.PostAsync("get_service_template", new JsonObject { ["service_template_id"] = template })).AssertError(1199019);
        (await _esb.PostAsync("get_service_template", new JsonObject { ["service_template_id"] = used })).AssertSuccess();
    }

    [Fact]
    public async Task A_category_a_template_uses_cannot_be_deleted()
    {
        var biz = TestBusinesses.Next();
        var category = await CategoryAsync(biz, "inuse");
        var template = Id(await CreateAsync(biz, "t", category));
        var delete = new JsonObject { ["bk_biz_id"] = biz, ["id"] = category };
        (await _esb.PostAsync("delete_service_category", delete)).AssertError(1199056, "remove referenced record forbidden");

        (await _esb.PostAsync("delete_service_template", new JsonObject { ["bk_biz_id"] = biz, ["service_template_id"] = template })).AssertSuccess();
        (await _esb.PostAsync("delete_service_category", delete)).AssertSuccess();
    }

    [Theory]
    [InlineData("create_service_template", "create_biz_service_template", "服务模板新建", "biz", "业务")]
    [InlineData("update_service_template", "edit_biz_service_template", "服务模板编辑", "biz_process_service_template", "服务模板")]
    [InlineData("delete_service_template", "delete_biz_service_template", "服务模板删除", "biz_process_service_template", "服务模板")]
    public async Task Writes_need_their_permission_on_the_business_or_the_template(string api, string action, string actionName, string type, string typeName)
    {
        var biz = TestBusinesses.Next();
        var id = Id(await CreateAsync(biz, "guarded"));
        var reader = fixture.Factory.CreateEsbClient(GatewayFactory.ReadOnlyAppCode, GatewayFactory.ReadOnlyAppSecret);
        var before = fixture.Factory.SnapshotStorage();

        var envelope = await reader.PostAsync(api, new JsonObject
        {
            ["bk_biz_id"] = biz, ["id"] = id, ["service_template_id"] = id, ["name"] = "other", ["service_category_id"] = DefaultLeaf,
        });

        envelope.AssertError(9900403, "Do not have access permission.");
        var permissionAction = envelope.Permission!["actions"]![0]!;
        Assert.Equal((action, actionName), (permissionAction["id"]!.GetValue<string>(), permissionAction["name"]!.GetValue<string>()));
        var resource = permissionAction["related_resource_types"]![0]!;
        Assert.Equal((type, typeName), (resource["type"]!.GetValue<string>(), resource["type_name"]!.GetValue<string>()));
        var instance = resource["instances"]![0]![0]!;
        var expectedId = type == "biz" ? biz : id;
        Assert.Equal((type, typeName, expectedId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (instance["type"]!.GetValue<string>(), instance["type_name"]!.GetValue<string>(), instance["id"]!.GetValue<string>()));
        Assert.Equal(before, fixture.Factory.SnapshotStorage());
        (await reader.PostAsync("get_service_template", new JsonObject { ["service_template_id"] = id })).AssertSuccess();
        (await reader.PostAsync("list_service_template", new JsonObject { ["bk_biz_id"] = biz, ["page"] = new JsonObject { ["limit"] = 1 } })).AssertSuccess();
    }

    [Fact]
    public async Task Messages_follow_the_language_header()
    {
        var envelope = await _esb.PostAsync("create_service_template", new JsonObject
        {
            ["bk_biz_id"] = TestBusinesses.Next(), ["name"] = "x", ["service_category_id"] = 1,
        }, new Dictionary<string, string> { ["Blueking-Language"] = "zh-cn" });
        envelope.AssertError(1113032, "仅允许使用叶子结点服务分类");
    }

    // No API makes a template-made instance yet; storage is where the delete looks.
    private async Task InsertInstanceOfTemplateAsync(long biz, long templateId)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.Factory.DatabasePath};Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO service_instances (id, name, bk_biz_id, bk_module_id, bk_host_id, service_template_id, labels, creator, modifier, "
            + "create_time, last_time, bk_supplier_account, version) VALUES (@id, 'i', @biz, 1, 1, @template, NULL, 'a', 'a', 0, 0, '0', 1)";
        command.Parameters.AddWithValue("@id", 9_000_000_000L + templateId);
        command.Parameters.AddWithValue("@biz", biz);
        command.Parameters.AddWithValue("@template", templateId);
        await command.ExecuteNonQueryAsync();
    }
}
