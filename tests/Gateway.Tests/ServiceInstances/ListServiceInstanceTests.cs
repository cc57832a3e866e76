using System.Text.Json.Nodes;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.ServiceInstances;

/// <summary>list_service_instance and list_service_instance_detail: filters, paging, sorting, shapes.</summary>
public sealed class ListServiceInstanceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly EsbTestClient _esb = fixture.Factory.CreateEsbClient();

    private async Task<(long Biz, long[] Ids)> SeedAsync()
    {
        // Two businesses, two modules, three hosts; names chosen so that name order differs from id order.
        var biz = TestBusinesses.Next();
        var other = TestBusinesses.Next();
        var ids = new[]
        {
            await _esb.CreateServiceInstanceAsync(biz, moduleId: 1, hostId: 11, name: "delta"),
            await _esb.CreateServiceInstanceAsync(biz, moduleId: 1, hostId: 12, name: "alpha-web"),
            await _esb.CreateServiceInstanceAsync(biz, moduleId: 2, hostId: 11, name: "charlie"),
            await _esb.CreateServiceInstanceAsync(biz, moduleId: 2, hostId: 13, name: "bravo-web"),
        };
        await _esb.CreateServiceInstanceAsync(other, moduleId: 1, hostId: 11, name: "alpha-web");
        return (biz, ids);
    }

    private async Task<(long Count, long[] Ids, JsonArray Info)> ListAsync(string api, JsonObject body)
    {
        var envelope = await _esb.PostAsync(api, body);
        envelope.AssertSuccess();
        var data = envelope.Data!.AsObject();
        Assert.Equal(["count", "info"], data.Select(p => p.Key).ToArray());
        var info = data["info"]!.AsArray();
        return (data["count"]!.GetValue<long>(), info.Select(i => i!["id"]!.GetValue<long>()).ToArray(), info);
    }

    [Fact]
    public async Task A_business_lists_only_its_own_instances_in_id_order_with_the_full_shape()
    {
        var (biz, ids) = await SeedAsync();

        var (count, listed, info) = await ListAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz });

        Assert.Equal(4, count);
        Assert.Equal(ids, listed);
        var first = info[0]!.AsObject();
        Assert.Equal(
            ["id", "name", "bk_biz_id", "bk_module_id", "bk_host_id", "service_template_id", "labels", "creator", "modifier",
             "create_time", "last_time", "bk_supplier_account"],
            first.Select(p => p.Key).ToArray());
        Assert.Equal(("delta", biz, 1L, 11L, 0L, "admin", "0"), (
            first["name"]!.GetValue<string>(), first["bk_biz_id"]!.GetValue<long>(), first["bk_module_id"]!.GetValue<long>(),
            first["bk_host_id"]!.GetValue<long>(), first["service_template_id"]!.GetValue<long>(),
            first["creator"]!.GetValue<string>(), first["bk_supplier_account"]!.GetValue<string>()));
        Assert.Null(first["labels"]);
        Assert.Matches(@"\+08:00$", first["create_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filters_combine()
    {
        var (biz, ids) = await SeedAsync();

        Assert.Equal([ids[2], ids[3]], (await ListAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz, ["bk_module_id"] = 2 })).Ids);
        Assert.Equal([ids[0], ids[2]], (await ListAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz, ["bk_host_ids"] = new JsonArray(11) })).Ids);
        Assert.Equal([ids[1], ids[3]], (await ListAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz, ["search_key"] = "-web" })).Ids);
        Assert.Equal([ids[3]], (await ListAsync("list_service_instance", new JsonObject
        {
            ["bk_biz_id"] = biz, ["bk_module_id"] = 2, ["bk_host_ids"] = new JsonArray(13, 12), ["search_key"] = "web",
        })).Ids);
        // Wildcards of SQL are plain text here.
        Assert.Empty((await ListAsync("list_service_instance", new JsonObject { ["bk_biz_id"] = biz, ["search_key"] = "%" })).Ids);
    }

    [Theory]
    [InlineData("name", new[] { 1, 3, 2, 0 })]
    [InlineData("-name", new[] { 0, 2, 3, 1 })]
    [InlineData("-id", new[] { 3, 2, 1, 0 })]
    [InlineData("create_time", new[] { 0, 1, 2, 3 })]
    [InlineData("-create_time", new[] { 3, 2, 1, 0 })]
    public async Task Pages_are_sorted_and_windowed_and_count_is_the_total(string sort, int[] order)
    {
        var (biz, ids) = await SeedAsync();
        var expected = order.Select(i => ids[i]).ToArray();

        var first = await ListAsync("list_service_instance", new JsonObject
        {
            ["bk_biz_id"] = biz, ["page"] = new JsonObject { ["start"] = 0, ["limit"] = 3, ["sort"] = sort },
        });
        var second = await ListAsync("list_service_instance", new JsonObject
        {
            ["bk_biz_id"] = biz, ["page"] = new JsonObject { ["start"] = 3, ["limit"] = 3, ["sort"] = sort },
        });

        // create_time ties (same millisecond) fall back to id, so the order is still total.
        Assert.Equal(4, first.Count);
        Assert.Equal(4, second.Count);
        Assert.Equal(expected, first.Ids.Concat(second.Ids).ToArray());
    }

    [Fact]
    public async Task The_detail_listing_carries_each_instances_processes()
    {
        var (biz, ids) = await SeedAsync();
        var created = await _esb.CreateProcessesAsync(biz, ids[1], EsbTestClient.Process("nginx", "nginx"), EsbTestClient.Process("php", "php-fpm"));
        created.AssertSuccess();

        var (count, listed, info) = await ListAsync("list_service_instance_detail", new JsonObject
        {
            ["bk_biz_id"] = biz, ["service_instance_ids"] = new JsonArray(ids[1], ids[2]), ["page"] = new JsonObject { ["limit"] = 10 },
        });

        Assert.Equal(2, count);
        Assert.Equal([ids[1], ids[2]], listed);
        var withProcesses = info[0]!["process_instances"]!.AsArray();
        Assert.Equal(["nginx", "php"], withProcesses.Select(p => p!["process"]!["bk_process_name"]!.GetValue<string>()).ToArray());
        Assert.Equal(["process", "relation"], withProcesses[0]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(ids[1], withProcesses[0]!["relation"]!["service_instance_id"]!.GetValue<long>());
        Assert.Empty(info[1]!["process_instances"]!.AsArray());
    }

    public static TheoryData<string, string, int, string> BadListings => new()
    {
        { "list_service_instance", """{}""", 1199006, "'bk_biz_id' data parameter verification does not pass" },
        { "list_service_instance", """{"bk_biz_id": "1"}""", 1199000, "Deserializing JSON data failed" },
        { "list_service_instance", """{"bk_biz_id": 1, "page": {"limit": 501}}""", 1199035, "page.limit exceed the limit 500" },
        { "list_service_instance", """{"bk_biz_id": 1, "page": {"sort": "bk_host_id"}}""", 1199006, "'page.sort' data parameter verification does not pass" },
        { "list_service_instance", """{"bk_biz_id": 1, "page": {"start": -1}}""", 1199006, "'page.start' data parameter verification does not pass" },
        { "list_service_instance", """{"bk_biz_id": 1, "bk_host_ids": [1, "2"]}""", 1199000, "Deserializing JSON data failed" },
        { "list_service_instance", $$"""{"bk_biz_id": 1, "bk_host_ids": [{{string.Join(',', Enumerable.Range(1, 1001))}}]}""", 1199035, "bk_host_ids exceed the limit 1000" },
        { "list_service_instance_detail", """{"bk_biz_id": 1}""", 1199010, "'page' unassigned" },
        { "list_service_instance_detail", """{"bk_biz_id": 1, "page": {"limit": 1001}}""", 1199035, "page.limit exceed the limit 1000" },
    };

    [Theory]
    [MemberData(nameof(BadListings))]
    public async Task Bad_listing_parameters_get_their_codes(string api, string body, int code, string message)
    {
        (await _esb.PostAsync(api, JsonNode.Parse(body)!.AsObject())).AssertError(code, message);
    }
}
