using System.Text.Json.Nodes;

namespace ProcOrleans.TestingHost.Tests;

/// <summary>Service categories and templates on PostgreSQL, across nodes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CatalogueClusterTests(PostgresFixture postgres)
{
    private static Task<JsonObject> CreateAsync(ProcOrleansTestCluster cluster, int node, long biz, string name, long parent = 0) =>
        Esb.PostAsync(cluster, node, "create_service_category", new JsonObject { ["bk_biz_id"] = biz, ["name"] = name, ["bk_parent_id"] = parent });

    private static async Task<string[]> NamesAsync(ProcOrleansTestCluster cluster, int node, long biz) =>
        (await Esb.PostAsync(cluster, node, "list_service_category", new JsonObject { ["bk_biz_id"] = biz })).Ok()["data"]!["info"]!.AsArray()
            .Select(c => c!["name"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Categories_written_through_one_node_are_read_and_checked_on_the_others()
    {
        await using var cluster = await postgres.StartClusterAsync(nodes: 2);
        Assert.Equal(["Default", "Default"], await NamesAsync(cluster, 1, 7));

        var root = (await CreateAsync(cluster, 0, 7, "web")).Ok()["data"]!["id"]!.GetValue<long>();
        (await CreateAsync(cluster, 1, 7, "nginx", root)).Ok();
        Assert.Equal(1113017, (await CreateAsync(cluster, 1, 7, "web")).Code());
        Assert.Equal(["Default", "Default", "nginx", "web"], await NamesAsync(cluster, 0, 7));
        Assert.Equal(1199055, (await Esb.PostAsync(cluster, 1, "delete_service_category", new JsonObject { ["bk_biz_id"] = 7, ["id"] = root })).Code());

        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT string_agg(name || ':' || bk_parent_id::text, ',' ORDER BY id) FROM service_categories WHERE bk_biz_id = 7", connection);
        Assert.Equal($"web:0,nginx:{root}", (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_template_created_through_one_node_is_read_and_checked_on_the_other()
    {
        await using var cluster = await postgres.StartClusterAsync(nodes: 2);
        var created = (await Esb.PostAsync(cluster, 0, "create_service_template", new JsonObject
        {
            ["bk_biz_id"] = 8, ["name"] = "nginx", ["service_category_id"] = 2, ["host_apply_enabled"] = true,
        })).Ok()["data"]!;
        var id = created["id"]!.GetValue<long>();

        var got = (await Esb.PostAsync(cluster, 1, "get_service_template", new JsonObject { ["service_template_id"] = id })).Ok()["data"]!;
        Assert.Equal(created.ToJsonString(), got.ToJsonString());
        Assert.Equal(1199014, (await Esb.PostAsync(cluster, 1, "create_service_template", new JsonObject
        {
            ["bk_biz_id"] = 8, ["name"] = "nginx", ["service_category_id"] = 2,
        })).Code());
        var renamed = (await Esb.PostAsync(cluster, 1, "update_service_template", new JsonObject { ["bk_biz_id"] = 8, ["id"] = id, ["name"] = "edge" })).Ok();
        var listed = (await Esb.PostAsync(cluster, 0, "list_service_template", new JsonObject { ["bk_biz_id"] = 8, ["page"] = new JsonObject { ["limit"] = 10 } })).Ok();
        Assert.Equal(renamed["data"]!.ToJsonString(), listed["data"]!["info"]![0]!.ToJsonString());
        Assert.Equal(1, listed["data"]!["count"]!.GetValue<int>());
        (await Esb.PostAsync(cluster, 0, "delete_service_template", new JsonObject { ["bk_biz_id"] = 8, ["service_template_id"] = id })).Ok();
        Assert.Equal(1199019, (await Esb.PostAsync(cluster, 1, "get_service_template", new JsonObject { ["service_template_id"] = id })).Code());
    }

    [Fact]
    public async Task Nodes_racing_for_one_name_give_exactly_one_winner()
    {
        await using var cluster = await postgres.StartClusterAsync();
        for (var round = 0; round < 3; round++)
        {
            var biz = 100 + round;
            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => CreateAsync(cluster, i % 3, biz, "only")));
            Assert.Single(results, r => r.Code() == 0);
            Assert.All(results.Where(r => r.Code() != 0), r => Assert.Equal(1113017, r.Code()));
            Assert.Equal(["Default", "Default", "only"], await NamesAsync(cluster, (round + 1) % 3, biz));
        }
    }
}
