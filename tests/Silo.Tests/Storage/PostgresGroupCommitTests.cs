using System.Diagnostics.Metrics;
using Npgsql;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Storage;
using ProcOrleans.TestingHost;

namespace ProcOrleans.Silo.Tests.Storage;

/// <summary>
/// The PostgreSQL writer shares one transaction between the commits waiting for it: each commit must still
/// stand or fall alone, and nothing is acknowledged before it is durable.
/// </summary>
public sealed class PostgresGroupCommitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Time = new(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);
    private PostgresServer _server = null!;
    private int _databases;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ServiceInstance Instance(long id) =>
        new(id, $"svc{id}", 1, 7, 9, 0, null, "admin", "admin", Time, Time, "0");

    private static ProcessInstance Process(long id, long instance, string name) =>
        new(id, instance, 1, 9, 0, "0", new ProcessProperties { BkProcessName = name, BkFuncName = name }, Time, Time);

    private static ServiceInstanceChange Create(long instance, params ProcessInstance[] processes) => new()
    {
        ServiceInstanceId = instance, ExpectedVersion = 0, Instance = Instance(instance), InsertedProcesses = processes,
    };

    private static ServiceInstanceChange AddProcess(long instance, long expectedVersion, ProcessInstance process) => new()
    {
        ServiceInstanceId = instance, ExpectedVersion = expectedVersion, InsertedProcesses = [process],
    };

    private async Task<PostgresNode> StartNodeAsync(int writers = 1) =>
        await PostgresNode.StartAsync(
            await _server.CreateDatabaseAsync($"group_{Interlocked.Increment(ref _databases)}"),
            new Dictionary<string, string?> { ["Storage:PostgresWriters"] = writers.ToString(), ["Storage:CommandTimeout"] = "00:00:05" });

    private static async Task<List<string>> NamesAsync(PostgresNode node)
    {
        await using var connection = new NpgsqlConnection(node.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT bk_process_name FROM processes ORDER BY bk_process_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<long?> VersionAsync(PostgresNode node, long instance) =>
        await node.Store.GetVersionAsync(instance, CancellationToken.None);

    [Fact]
    public async Task Commits_queued_together_fail_alone_and_the_rest_are_stored()
    {
        await using var node = await StartNodeAsync();
        await node.Store.CommitAsync([Create(1000)], CancellationToken.None);
        var groups = new List<int>();
        using var listener = ListenToGroupSizes(groups);

        // One commit goes first; the rest queue behind it and share the following groups. Among them: an
        // insert of an instance that exists (a unique index), a change against a stale version, and a batch
        // of two instances whose second change is stale, which must leave its first change out as well.
        var first = node.Store.CommitAsync([Create(1, Process(1, 1, "p1"))], CancellationToken.None);
        var commits = new List<(string Name, Task Commit)>();
        for (var i = 2; i <= 60; i++)
        {
            ServiceInstanceChange[] changes = i switch
            {
                20 => [Create(1000, Process(20, 1000, "p20"))],
                30 => [AddProcess(1000, 7, Process(30, 1000, "p30"))],
                40 => [Create(40, Process(40, 40, "p40")), AddProcess(1000, 9, Process(41, 1000, "p41"))],
                _ => [Create(i, Process(i, i, $"p{i}"))],
            };
            commits.Add(($"p{i}", node.Store.CommitAsync(changes, CancellationToken.None)));
        }

        await first;
        var refused = new List<string>();
        foreach (var (name, commit) in commits)
        {
            if (await Outcome(commit) is { } failure)
            {
                Assert.IsType<ConcurrencyConflictException>(failure);
                refused.Add(name);
            }
        }

        Assert.Equal(["p20", "p30", "p40"], refused);
        // They did share transactions: fewer transactions than commits, every commit counted once.
        lock (groups)
        {
            Assert.True(groups.Count < 60, $"{groups.Count} transactions for 60 commits");
            Assert.Equal(60 - 3, groups.Sum());
        }
        var expected = new[] { "p1" }.Concat(Enumerable.Range(2, 59).Where(i => i is not (20 or 30 or 40)).Select(i => $"p{i}"));
        Assert.Equal(expected, await NamesAsync(node));
        Assert.Null(await VersionAsync(node, 40));
        Assert.Equal(1, await VersionAsync(node, 1000));
        Assert.Equal(1, await VersionAsync(node, 59));
    }

    [Fact]
    public async Task Concurrent_writers_keep_every_version_step_of_one_instance()
    {
        await using var node = await StartNodeAsync(writers: 3);
        await node.Store.CommitAsync([Create(1)], CancellationToken.None);

        // Two commits on the same version: whichever group gets there first wins, the other is refused.
        var a = node.Store.CommitAsync([AddProcess(1, 1, Process(1, 1, "a"))], CancellationToken.None);
        var b = node.Store.CommitAsync([AddProcess(1, 1, Process(2, 1, "b"))], CancellationToken.None);
        var outcomes = await Task.WhenAll(Outcome(a), Outcome(b));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.IsType<ConcurrencyConflictException>(Assert.Single(outcomes, o => o is not null));
        Assert.Single(await NamesAsync(node));
        Assert.Equal(2, await VersionAsync(node, 1));
    }

    [Fact]
    public async Task A_commit_whose_caller_gave_up_is_not_stored()
    {
        await using var node = await StartNodeAsync();
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => node.Store.CommitAsync([Create(1, Process(1, 1, "gone"))], gaveUp.Token));
        await node.Store.CommitAsync([Create(2, Process(2, 2, "kept"))], CancellationToken.None);

        Assert.Equal(["kept"], await NamesAsync(node));
        Assert.Null(await VersionAsync(node, 1));
    }

    [Fact]
    public async Task A_database_that_goes_away_fails_the_group_and_the_writer_heals_when_it_returns()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var node = await PostgresNode.StartAsync(await server.CreateDatabaseAsync("outage"),
            new Dictionary<string, string?> { ["Storage:CommandTimeout"] = "00:00:05" });
        await node.Store.CommitAsync([Create(1, Process(1, 1, "before"))], CancellationToken.None);

        await server.StopAsync();
        var during = Enumerable.Range(2, 5).Select(i => node.Store.CommitAsync([Create(i, Process(i, i, "during"))], CancellationToken.None)).ToList();
        foreach (var commit in during)
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => commit);
        }

        await server.StartServerAsync();
        Exception? last = null;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                await node.Store.CommitAsync([Create(10, Process(10, 10, "after"))], CancellationToken.None);
                last = null;
                break;
            }
            catch (NpgsqlException exception)
            {
                // Pooled connections that died with the server fail once each.
                last = exception;
                await Task.Delay(100);
            }
        }

        Assert.Null(last);
        Assert.Equal(["before", "after"], await NamesAsync(node));
    }

    private static MeterListener ListenToGroupSizes(List<int> sizes)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "procorleans.storage.group.size")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "provider", Value: "Postgres" })
                {
                    lock (sizes)
                    {
                        sizes.Add(size);
                    }
                }
            }
        });
        listener.Start();
        return listener;
    }

    private static async Task<Exception?> Outcome(Task commit)
    {
        try
        {
            await commit;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
