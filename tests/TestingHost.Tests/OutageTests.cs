using System.Net;
using System.Text.Json.Nodes;

namespace ProcOrleans.TestingHost.Tests;

/// <summary>PostgreSQL going away and coming back, with its own server so other tests are not disturbed.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task Calls_fail_fast_with_a_retryable_code_and_the_node_recovers_by_itself()
    {
        await using var cluster = await ProcOrleansTestCluster.StartAsync(new ProcOrleansTestClusterOptions
        {
            NodeCount = 2,
            Settings = { ["Silo:CallTimeout"] = "00:00:10", ["Storage:CommandTimeout"] = "00:00:05" },
        });
        var instance = await Esb.CreateInstanceAsync(cluster, 0);
        (await Esb.CreateProcessesAsync(cluster, 0, instance, "before")).Ok();

        await cluster.Postgres!.StopAsync();

        var started = DateTime.UtcNow;
        var failed = await Esb.CreateProcessesAsync(cluster, 1, instance, "during");
        Assert.Contains(failed.Code(), new[] { 1199503, 1199504 });
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(60), "the call hung past its timeout");
        Assert.Null(failed["data"]);
        using (var http = cluster.Nodes[0].CreateClient())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("readyz")).StatusCode);
        }

        await cluster.Postgres.StartServerAsync();

        // The first calls may still meet connections that died with the server; the node must heal alone.
        JsonObject? answer = null;
        for (var attempt = 0; attempt < 50 && answer?.Code() != 0; attempt++)
        {
            answer = await Esb.CreateProcessesAsync(cluster, 1, instance, "after");
            if (answer.Code() != 0)
            {
                Assert.Contains(answer.Code(), new[] { 1199503, 1199504 });
                await Task.Delay(200);
            }
        }

        answer!.Ok();
        Assert.Equal(["before", "after"], await Esb.NamesAsync(cluster, 0, instance));
        using var ready = cluster.Nodes[0].CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ready.GetAsync("readyz")).StatusCode);
    }
}

/// <summary>A database that hangs instead of refusing: calls must still end within the call timeout.</summary>
public sealed class FrozenDatabaseTests
{
    [Fact]
    public async Task A_hung_database_gives_timeouts_not_hangs_and_the_node_recovers()
    {
        await using var cluster = await ProcOrleansTestCluster.StartAsync(new ProcOrleansTestClusterOptions
        {
            NodeCount = 1,
            Settings = { ["Silo:CallTimeout"] = "00:00:03", ["Storage:CommandTimeout"] = "00:00:02" },
        });
        var instance = await Esb.CreateInstanceAsync(cluster, 0);

        await cluster.Postgres!.PauseAsync();
        try
        {
            var answers = await Task.WhenAll(
                Esb.CreateProcessesAsync(cluster, 0, instance, "frozen"),
                Esb.PostAsync(cluster, 0, "list_service_instance", new System.Text.Json.Nodes.JsonObject { ["bk_biz_id"] = 1 }))
                .WaitAsync(TimeSpan.FromMinutes(1));
            Assert.All(answers, a => Assert.Contains(a.Code(), new[] { 1199503, 1199504 }));
        }
        finally
        {
            await cluster.Postgres.ResumeAsync();
        }

        System.Text.Json.Nodes.JsonObject? answer = null;
        for (var attempt = 0; attempt < 50 && answer?.Code() != 0; attempt++)
        {
            answer = await Esb.CreateProcessesAsync(cluster, 0, instance, "thawed");
            if (answer.Code() != 0)
            {
                await Task.Delay(200);
            }
        }

        answer!.Ok();
        Assert.Equal(["thawed"], await Esb.NamesAsync(cluster, 0, instance));
    }
}
