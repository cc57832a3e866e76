using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ProcOrleans.TestingHost.Tests;

/// <summary>Many nodes on one PostgreSQL database behave as one service.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresFixture postgres)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_write_on_one_node_is_read_identically_on_every_other_node_at_once()
    {
        await using var cluster = await postgres.StartClusterAsync();
        var instance = await Esb.CreateInstanceAsync(cluster, 0);
        // Warm node 1 and 2 on the empty instance first: their memory must not win over node 0's write.
        Assert.Equal("[]", await Esb.ListAsync(cluster, 1, instance));
        Assert.Equal("[]", await Esb.ListAsync(cluster, 2, instance));

        (await Esb.CreateProcessesAsync(cluster, 0, instance, "a", "b")).Ok();

        var lists = await Task.WhenAll(Esb.ListAsync(cluster, 1, instance), Esb.ListAsync(cluster, 2, instance), Esb.ListAsync(cluster, 0, instance));
        Assert.Equal(lists[2], lists[0]);
        Assert.Equal(lists[2], lists[1]);
        Assert.Equal(["a", "b"], await Esb.NamesAsync(cluster, 1, instance));
    }

    [Fact]
    public async Task Three_nodes_racing_with_distinct_names_all_succeed_with_distinct_ids()
    {
        await using var cluster = await postgres.StartClusterAsync();
        var instance = await Esb.CreateInstanceAsync(cluster, 0);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Esb.CreateProcessesAsync(cluster, i % 3, instance, $"p{i}"))).WaitAsync(HangGuard);

        var ids = results.SelectMany(r => r.Ids()).ToArray();
        Assert.Equal(12, ids.Distinct().Count());
        var listed = await Esb.NamesAsync(cluster, 2, instance);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"p{i}").Order(), listed.Order());
        Assert.Equal(await Esb.ListAsync(cluster, 0, instance), await Esb.ListAsync(cluster, 1, instance));
    }

    [Fact]
    public async Task Three_nodes_racing_for_one_name_give_exactly_one_winner()
    {
        await using var cluster = await postgres.StartClusterAsync();
        for (var round = 0; round < 3; round++)
        {
            var instance = await Esb.CreateInstanceAsync(cluster, round % 3);
            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(node =>
                Esb.CreateProcessesAsync(cluster, node, instance, "only"))).WaitAsync(HangGuard);

            Assert.Single(results, r => r.Code() == 0);
            Assert.All(results.Where(r => r.Code() != 0), r => Assert.Equal(1199014, r.Code()));
            Assert.Equal(["only"], await Esb.NamesAsync(cluster, (round + 1) % 3, instance));
        }
    }

    [Fact]
    public async Task Id_blocks_never_overlap_between_nodes()
    {
        await using var cluster = await postgres.StartClusterAsync(settings: new Dictionary<string, string?> { ["Storage:IdBlockSize"] = "5" });
        var instances = await Task.WhenAll(Enumerable.Range(0, 9).Select(i => Esb.CreateInstanceAsync(cluster, i % 3)));
        Assert.Equal(9, instances.Distinct().Count());

        var ids = new ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, 9).Select(async i =>
        {
            foreach (var id in (await Esb.CreateProcessesAsync(cluster, i % 3, instances[i], "x", "y", "z")).Ids())
            {
                ids.Add(id);
            }
        })).WaitAsync(HangGuard);
        Assert.Equal(27, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_node_killed_during_a_stream_of_writes_loses_no_acknowledged_write()
    {
        await using var cluster = await postgres.StartClusterAsync();
        var instance = await Esb.CreateInstanceAsync(cluster, 0);
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        async Task WriterAsync(int node)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var name = $"n{node}-{i}";
                try
                {
                    var answer = await Esb.CreateProcessesAsync(cluster, node, instance, name);
                    if (answer.Code() == 0)
                    {
                        acknowledged.Add(name);
                    }
                }
                catch (HttpRequestException)
                {
                    // The node went away under this request: not acknowledged, so no promise was made.
                    await Task.Delay(20);
                }
                catch (TaskCanceledException)
                {
                    await Task.Delay(20);
                }
            }
        }

        var writers = Enumerable.Range(0, 3).Select(WriterAsync).ToArray();
        while (acknowledged.Count < 30)
        {
            await Task.Delay(10);
        }

        await cluster.KillNodeAsync(1);
        var afterKill = acknowledged.Count;
        while (acknowledged.Count < afterKill + 30)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(HangGuard);

        var stored = await Esb.NamesAsync(cluster, 2, instance);
        Assert.Subset(stored.ToHashSet(), acknowledged.ToHashSet());
        Assert.Equal(stored.Length, stored.Distinct().Count());
        Assert.Equal(await Esb.ListAsync(cluster, 0, instance), await Esb.ListAsync(cluster, 2, instance));

        // A restarted node serves what the others wrote while it was down.
        await cluster.RestartNodeAsync(1);
        Assert.Equal(await Esb.ListAsync(cluster, 0, instance), await Esb.ListAsync(cluster, 1, instance));
    }

    [Fact]
    public async Task A_node_killed_in_the_middle_of_batches_leaves_each_batch_whole_or_absent()
    {
        await using var cluster = await postgres.StartClusterAsync();
        var instances = new long[40];
        for (var i = 0; i < instances.Length; i++)
        {
            instances[i] = await Esb.CreateInstanceAsync(cluster, 0);
        }

        var names = Enumerable.Range(0, 50).Select(i => $"p{i}").ToArray();
        var acknowledged = new ConcurrentBag<long>();
        var sending = Task.WhenAll(instances.Select(async instance =>
        {
            try
            {
                if ((await Esb.CreateProcessesAsync(cluster, 1, instance, names)).Code() == 0)
                {
                    acknowledged.Add(instance);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
        }));
        while (acknowledged.IsEmpty)
        {
            await Task.Delay(5);
        }

        await cluster.KillNodeAsync(1);
        await sending.WaitAsync(HangGuard);

        foreach (var instance in instances)
        {
            var stored = (await Esb.NamesAsync(cluster, 0, instance)).Length;
            Assert.True(stored is 0 or 50, $"instance {instance} holds {stored} of a batch of 50");
            Assert.True(!acknowledged.Contains(instance) || stored == 50, $"acknowledged batch on {instance} is missing");
        }
    }

    [Fact]
    public async Task A_full_batch_goes_in_as_one_statement_and_every_row_reads_back_as_written()
    {
        await using var cluster = await postgres.StartClusterAsync(nodes: 2);
        var instance = await Esb.CreateInstanceAsync(cluster, 0);
        var processes = Enumerable.Range(0, 100).Select(i => (JsonNode)new JsonObject
        {
            ["process_info"] = new JsonObject
            {
                ["bk_process_name"] = $"p{i}", ["bk_func_name"] = $"f{i}", ["work_path"] = $"/data/{i}", ["start_cmd"] = $"./start {i}",
                ["timeout"] = i, ["priority"] = i % 7, ["proc_num"] = i + 1, ["user"] = $"u{i}", ["auto_start"] = i % 2 == 0,
                ["bind_info"] = new JsonArray(new JsonObject { ["enable"] = true, ["ip"] = "127.0.0.1", ["port"] = $"{8000 + i}", ["protocol"] = "1" }),
            },
        }).ToArray();
        var ids = (await Esb.PostAsync(cluster, 0, "create_process_instance", new JsonObject
        {
            ["bk_biz_id"] = 1, ["service_instance_id"] = instance, ["processes"] = new JsonArray(processes),
        })).Ids();

        // Node 1 never held the instance: its answer is the stored rows; node 0 answers from memory.
        var stored = await Esb.ListAsync(cluster, 1, instance);
        Assert.Equal(await Esb.ListAsync(cluster, 0, instance), stored);
        var listed = JsonNode.Parse(stored)!.AsArray();
        Assert.Equal(100, listed.Count);
        for (var i = 0; i < 100; i++)
        {
            var property = listed[i]!["property"]!;
            Assert.Equal(ids[i], property["bk_process_id"]!.GetValue<long>());
            Assert.Equal(
                ($"p{i}", $"f{i}", $"/data/{i}", $"./start {i}", i, i % 7, i + 1, $"u{i}", i % 2 == 0, $"{8000 + i}"),
                (property["bk_process_name"]!.GetValue<string>(), property["bk_func_name"]!.GetValue<string>(),
                    property["work_path"]!.GetValue<string>(), property["start_cmd"]!.GetValue<string>(), property["timeout"]!.GetValue<int>(),
                    property["priority"]!.GetValue<int>(), property["proc_num"]!.GetValue<int>(), property["user"]!.GetValue<string>(),
                    property["auto_start"]!.GetValue<bool>(), property["bind_info"]![0]!["port"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Updates_and_deletes_across_instances_are_seen_by_every_node()
    {
        await using var cluster = await postgres.StartClusterAsync();
        var first = await Esb.CreateInstanceAsync(cluster, 0);
        var second = await Esb.CreateInstanceAsync(cluster, 1);
        var a = (await Esb.CreateProcessesAsync(cluster, 0, first, "a")).Ids()[0];
        var b = (await Esb.CreateProcessesAsync(cluster, 1, second, "b")).Ids()[0];
        await Esb.ListAsync(cluster, 2, first);
        await Esb.ListAsync(cluster, 2, second);

        (await Esb.PostAsync(cluster, 2, "update_process_instance", new JsonObject
        {
            ["bk_biz_id"] = 1,
            ["processes"] = new JsonArray(
                new JsonObject { ["bk_process_id"] = a, ["bk_process_name"] = "a2", ["bk_func_name"] = "fa" },
                new JsonObject { ["bk_process_id"] = b, ["bk_process_name"] = "b2", ["bk_func_name"] = "fb" }),
        })).Ok();
        Assert.Equal(["a2"], await Esb.NamesAsync(cluster, 0, first));
        Assert.Equal(["b2"], await Esb.NamesAsync(cluster, 1, second));

        (await Esb.PostAsync(cluster, 0, "delete_process_instance", new JsonObject
        {
            ["bk_biz_id"] = 1, ["process_instance_ids"] = new JsonArray(b),
        })).Ok();
        Assert.Equal("[]", await Esb.ListAsync(cluster, 1, second));
        var listing = (await Esb.PostAsync(cluster, 2, "list_service_instance", new JsonObject { ["bk_biz_id"] = 1 })).Ok();
        Assert.Equal([first], listing["data"]!["info"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToArray());
        // The deleted instance is gone for the grains that had it in memory too.
        Assert.Equal(1199019, (await Esb.CreateProcessesAsync(cluster, 1, second, "late")).Code());
    }

    [Fact]
    public async Task Migrations_ran_once_although_the_nodes_started_together()
    {
        await using var cluster = await postgres.StartClusterAsync();
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM schema_migrations", connection);
        Assert.Equal(4L, (long)(await command.ExecuteScalarAsync())!);

        // Every query Orleans' ADO.NET membership and grain storage ask for, once each.
        await using var keys = new Npgsql.NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey", connection);
        var found = new List<string>();
        await using (var reader = await keys.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found.Add(reader.GetString(0));
            }
        }

        Assert.Equal(
            ["CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey",
                "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
                "ReadFromStorageKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "WriteToStorageKey"],
            found.Order(StringComparer.Ordinal));
    }
}
