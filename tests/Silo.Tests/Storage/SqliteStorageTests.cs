using Microsoft.Data.Sqlite;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Silo.Tests.Storage;

public sealed class SqliteStorageTests
{
    private static readonly DateTimeOffset Time = new(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);

    private static ServiceInstance Instance(long id, long biz = 1, string name = "svc") =>
        new(id, name, biz, 7, 9, 0, new Dictionary<string, string> { ["env"] = "prod" }, "admin", "admin", Time, Time, "0");

    private static ProcessInstance Process(long id, long instance, string name, string func = "java") =>
        new(id, instance, 1, 9, 0, "0", new ProcessProperties { BkProcessName = name, BkFuncName = func }, Time, Time);

    private static ServiceInstanceChange Create(ServiceInstance instance, params ProcessInstance[] processes) => new()
    {
        ServiceInstanceId = instance.Id, ExpectedVersion = 0, Instance = instance, InsertedProcesses = processes,
    };

    private static async Task<long> CountAsync(SqliteNode node, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={node.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Migrations_create_the_tables_once_and_a_restart_applies_nothing()
    {
        var folder = SqliteNode.NewFolder();
        await using (var node = await SqliteNode.StartAsync(folder))
        {
            Assert.Equal(5, await CountAsync(node, "schema_migrations"));
            Assert.Equal(4, await CountAsync(node, "id_sequences"));
            // Orleans' grain storage finds the three queries it asks for.
            Assert.Equal(3, await CountAsync(node, "OrleansQuery"));
            Assert.True(await node.Health.IsReadyAsync(CancellationToken.None));
        }

        await using (var again = await SqliteNode.StartAsync(folder))
        {
            Assert.Equal(5, await CountAsync(again, "schema_migrations"));
            Assert.Equal(4, await CountAsync(again, "id_sequences"));
        }
    }

    [Fact]
    public async Task Every_field_round_trips_including_explicit_nulls()
    {
        await using var node = await SqliteNode.StartAsync();
        var full = new ProcessInstance(11, 5, 1, 9, 0, "0", new ProcessProperties
        {
            AutoStart = true, AutoTimeGap = 60, BkFuncId = "fid", BkFuncName = "java", BkProcessName = "job_java",
            BkStartCheckSecs = 600, BkStartParamRegex = "-jar x", Description = "进程", FaceStopCmd = "kill -9", PidFile = "/p",
            Priority = -100, ProcNum = 10000, ReloadCmd = "r", RestartCmd = "rs", StartCmd = "s", StopCmd = "t", Timeout = 0,
            User = "root", WorkPath = "/data",
            BindInfo = [new BindInfoRow("::1", "80-90", "3", true, 12), new BindInfoRow(null, "81", "1", false, null), new BindInfoRow("", "82", "2", true, 0)],
        }, Time, Time.AddMinutes(1));
        var empty = new ProcessInstance(12, 5, 1, 9, 0, "0", new ProcessProperties
        {
            AutoStart = null, BkFuncId = null, BkFuncName = "go", BkProcessName = "empty", BkStartParamRegex = null, Description = null,
            FaceStopCmd = null, PidFile = null, ReloadCmd = null, RestartCmd = null, StartCmd = null, StopCmd = null, User = null, WorkPath = null,
        }, Time, Time);

        await node.Store.CommitAsync([Create(Instance(5), full, empty)], CancellationToken.None);
        var state = await node.Store.LoadAsync(5, CancellationToken.None);

        Assert.NotNull(state);
        Assert.Equal(1, state.Version);
        Assert.Equal(Instance(5) with { Labels = null }, state.Instance with { Labels = null });
        Assert.Equal("prod", state.Instance.Labels!["env"]);
        Assert.Equal(2, state.Processes.Count);
        Assert.True(full.Properties.SameAs(state.Processes[0].Properties));
        Assert.Equal(full with { Properties = null! }, state.Processes[0] with { Properties = null! });
        Assert.True(empty.Properties.SameAs(state.Processes[1].Properties));
        Assert.Null(await node.Store.LoadAsync(6, CancellationToken.None));
        Assert.Equal(1, await node.Store.GetVersionAsync(5, CancellationToken.None));
        Assert.Null(await node.Store.GetVersionAsync(6, CancellationToken.None));
    }

    [Fact]
    public async Task Stale_versions_and_existing_ids_conflict_and_store_nothing()
    {
        await using var node = await SqliteNode.StartAsync();
        await node.Store.CommitAsync([Create(Instance(1), Process(1, 1, "a"))], CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => node.Store.CommitAsync(
            [new ServiceInstanceChange { ServiceInstanceId = 1, ExpectedVersion = 7, InsertedProcesses = [Process(2, 1, "b", "go")] }],
            CancellationToken.None));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => node.Store.CommitAsync([Create(Instance(1))], CancellationToken.None));

        var state = await node.Store.LoadAsync(1, CancellationToken.None);
        Assert.Equal(1, state!.Version);
        Assert.Single(state.Processes);
    }

    [Fact]
    public async Task A_batch_over_two_instances_is_all_or_nothing_when_a_unique_index_refuses()
    {
        await using var node = await SqliteNode.StartAsync();
        await node.Store.CommitAsync([Create(Instance(1), Process(1, 1, "a"))], CancellationToken.None);

        // The second change breaks the name index inside instance 1 (the grain would have caught it; storage is the last line).
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => node.Store.CommitAsync(
        [
            Create(Instance(2), Process(2, 2, "x")),
            new ServiceInstanceChange { ServiceInstanceId = 1, ExpectedVersion = 1, InsertedProcesses = [Process(3, 1, "a", "other")] },
        ], CancellationToken.None));

        Assert.Null(await node.Store.LoadAsync(2, CancellationToken.None));
        Assert.Equal(1, (await node.Store.LoadAsync(1, CancellationToken.None))!.Version);
        Assert.Equal(1, await CountAsync(node, "processes"));
    }

    [Fact]
    public async Task Updates_may_swap_names_and_deletes_take_the_processes_along()
    {
        await using var node = await SqliteNode.StartAsync();
        await node.Store.CommitAsync([Create(Instance(1), Process(1, 1, "a", "fa"), Process(2, 1, "b", "fb"))], CancellationToken.None);

        await node.Store.CommitAsync([new ServiceInstanceChange
        {
            ServiceInstanceId = 1, ExpectedVersion = 1,
            UpdatedProcesses = [Process(1, 1, "b", "fa"), Process(2, 1, "a", "fb")],
        }], CancellationToken.None);
        Assert.Equal(["b", "a"], (await node.Store.LoadAsync(1, CancellationToken.None))!.Processes.Select(p => p.Properties.BkProcessName));

        await node.Store.CommitAsync([new ServiceInstanceChange { ServiceInstanceId = 1, ExpectedVersion = 2, DeleteInstance = true }], CancellationToken.None);
        Assert.Null(await node.Store.LoadAsync(1, CancellationToken.None));
        Assert.Equal(0, await CountAsync(node, "processes"));
    }

    [Fact]
    public async Task Concurrent_commits_share_groups_and_a_conflict_fails_alone()
    {
        await using var node = await SqliteNode.StartAsync();
        await node.Store.CommitAsync([Create(Instance(100_000), Process(1, 100_000, "taken"))], CancellationToken.None);

        var commits = Enumerable.Range(1, 200)
            .Select(i => i == 100
                ? node.Store.CommitAsync([new ServiceInstanceChange { ServiceInstanceId = 100_000, ExpectedVersion = 5 }], CancellationToken.None)
                : node.Store.CommitAsync([Create(Instance(i), Process(1000 + i, i, "p"))], CancellationToken.None))
            .ToList();
        var outcome = await Task.WhenAll(commits.Select(async c =>
        {
            try
            {
                await c;
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        })).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(199, outcome.Count(ok => ok));
        Assert.False(outcome[99]);
        Assert.Equal(200, await CountAsync(node, "service_instances"));
        Assert.Equal(200, await CountAsync(node, "processes"));
    }

    [Fact]
    public async Task A_second_node_on_the_same_file_refuses_to_start_until_the_first_stops()
    {
        var folder = SqliteNode.NewFolder();
        var first = await SqliteNode.StartAsync(folder);

        var refused = await Assert.ThrowsAsync<StorageOwnershipException>(() => SqliteNode.StartAsync(folder));
        Assert.Contains("another", refused.Message, StringComparison.Ordinal);
        Assert.Contains(first.DatabasePath, refused.Message, StringComparison.Ordinal);

        await first.DisposeAsync();
        await using var second = await SqliteNode.StartAsync(folder);
        Assert.True(await second.Health.IsReadyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Stopping_from_several_threads_at_once_closes_cleanly_and_keeps_every_write()
    {
        var folder = SqliteNode.NewFolder();
        for (var round = 1; round <= 60; round++)
        {
            var node = await SqliteNode.StartAsync(folder);
            // Writes of every shape, so the writer holds several prepared statements when it is stopped.
            await node.Store.CommitAsync([Create(Instance(round), Process(round * 10, round, "p"))], CancellationToken.None);
            await node.Store.CommitAsync(
                [new ServiceInstanceChange { ServiceInstanceId = round, ExpectedVersion = 1, DeletedProcessIds = [round * 10] }],
                CancellationToken.None);

            await node.StopFromEverywhereAtOnceAsync();
        }

        await using var again = await SqliteNode.StartAsync(folder);
        Assert.Equal(60, await CountAsync(again, "service_instances"));
        Assert.Equal(0, await CountAsync(again, "processes"));
    }

    [Theory]
    [InlineData("00:00:00.05", true)]
    [InlineData("00:00:00", false)]
    public async Task The_background_checkpointer_moves_committed_pages_into_the_database_file(string interval, bool expectMoved)
    {
        // Far fewer pages than SQLite's own threshold of 1,000, so only the background checkpointer moves them.
        await using var node = await SqliteNode.StartAsync(settings: new Dictionary<string, string?> { ["Storage:SqliteCheckpointInterval"] = interval });
        var sizeAfterStart = new FileInfo(node.DatabasePath).Length;
        await node.Store.CommitAsync(
            [Create(Instance(1), [.. Enumerable.Range(1, 300).Select(i => Process(i, 1, $"p{i}", $"f{i}"))])], CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(expectMoved ? 10 : 1);
        while (new FileInfo(node.DatabasePath).Length == sizeAfterStart && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(expectMoved, new FileInfo(node.DatabasePath).Length > sizeAfterStart);
        Assert.Equal(300, await CountAsync(node, "processes"));
    }

    [Fact]
    public async Task Listings_filter_sort_and_page_and_never_cross_businesses()
    {
        await using var node = await SqliteNode.StartAsync();
        await node.Store.CommitAsync(
        [
            Create(Instance(1, name: "b-web")), Create(Instance(2, name: "a-db")), Create(Instance(3, name: "c-web")),
            Create(Instance(4, biz: 2, name: "a-web")),
        ], CancellationToken.None);

        var page = await node.Queries.ListServiceInstancesAsync(new ServiceInstanceFilter(1, SearchKey: "web"), new PageRequest(0, 10, ServiceInstanceSort.Name, Descending: true), CancellationToken.None);
        Assert.Equal(2, page.Count);
        Assert.Equal([3L, 1L], page.Info.Select(i => i.Id));

        var second = await node.Queries.ListServiceInstancesAsync(new ServiceInstanceFilter(1), new PageRequest(1, 1), CancellationToken.None);
        Assert.Equal(3, second.Count);
        Assert.Equal([2L], second.Info.Select(i => i.Id));

        Assert.Empty((await node.Queries.ListServiceInstancesAsync(new ServiceInstanceFilter(1, SearchKey: "_"), new PageRequest(0, 10), CancellationToken.None)).Info);
    }
}
