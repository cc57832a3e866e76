using System.Text.Json.Nodes;

namespace ProcOrleans.TestingHost.Tests;

/// <summary>Labels on PostgreSQL, across nodes: one transaction for several instances.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LabelClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Labels_added_through_one_node_are_listed_on_the_other_and_a_bad_id_changes_none()
    {
        await using var cluster = await postgres.StartClusterAsync(nodes: 2);
        var a = await Esb.CreateInstanceAsync(cluster, 0, biz: 9);
        var b = await Esb.CreateInstanceAsync(cluster, 1, biz: 9);

        (await Esb.PostAsync(cluster, 0, "add_label_for_service_instance", new JsonObject
        {
            ["bk_biz_id"] = 9, ["instance_ids"] = new JsonArray(a, b), ["labels"] = new JsonObject { ["env"] = "prod" },
        })).Ok();
        Assert.Equal(1199006, (await Esb.PostAsync(cluster, 1, "add_label_for_service_instance", new JsonObject
        {
            ["bk_biz_id"] = 9, ["instance_ids"] = new JsonArray(a, 987654321), ["labels"] = new JsonObject { ["env"] = "test" },
        })).Code());

        var listed = (await Esb.PostAsync(cluster, 1, "list_service_instance", new JsonObject { ["bk_biz_id"] = 9 })).Ok()["data"]!["info"]!.AsArray();
        Assert.Equal(["""{"env":"prod"}""", """{"env":"prod"}"""], listed.Select(i => i!["labels"]!.ToJsonString()));
    }
}
