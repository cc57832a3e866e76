using System.Collections.Concurrent;
using System.Diagnostics;

namespace ProcOrleans.TestingHost.Tests.Processes;

/// <summary>
/// Real node processes on PostgreSQL, failing the way machines fail: a kill -9, a restart on the same port,
/// and a freeze (SIGSTOP, as a long GC pause or a stalled VM) long enough for the cluster to give the
/// frozen node's grains to the others.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NodeProcessTests(PostgresFixture postgres)
{
    private static readonly int[] Retryable = [1199409, 1199503, 1199504];
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private static readonly Dictionary<string, string> Settings = new() { ["Silo__CallTimeout"] = "00:00:05" };

    [Fact]
    public async Task A_killed_node_fails_no_call_for_good_and_rejoins_when_started_again_on_its_port()
    {
        await using var cluster = await NodeCluster.StartAsync(await postgres.NewDatabaseAsync(), 3, Settings);
        var instances = new long[12];
        for (var i = 0; i < instances.Length; i++)
        {
            instances[i] = await cluster.CreateInstanceAsync(i % 3);
            Assert.Equal(["p0"], (await CreatedAndListedAsync(cluster, i % 3, instances[i], "p0"))!);
        }

        // Writes through the two nodes that stay, to every instance (a third of them on the node that dies).
        var answers = new ConcurrentBag<(int Code, TimeSpan Took)>();
        var acknowledged = new ConcurrentDictionary<long, ConcurrentBag<string>>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var instance = instances[(w + n) % instances.Length];
                var name = $"w{w}-{n}";
                var took = Stopwatch.StartNew();
                var answer = await cluster.CreateProcessAsync(w % 2 == 0 ? 0 : 2, instance, name);
                var code = answer?["code"]?.GetValue<int>() ?? -1;
                answers.Add((code, took.Elapsed));
                if (code == 0)
                {
                    acknowledged.GetOrAdd(instance, _ => []).Add(name);
                }
            }
        })).ToArray();

        await Task.Delay(1500);
        cluster.Nodes[1].Kill();
        await Task.Delay(6000);
        await cluster.Nodes[1].StartAsync(TimeSpan.FromMinutes(1));
        await Task.Delay(2000);
        await stop.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(1));

        // Every answer was a success or a code a client retries, and none took longer than the call timeout allows.
        Assert.All(answers, a => Assert.True(a.Code == 0 || Retryable.Contains(a.Code), $"answered {a.Code}"));
        Assert.All(answers, a => Assert.True(a.Took < CallTimeout + TimeSpan.FromSeconds(5), $"took {a.Took}"));
        Assert.True(answers.Count(a => a.Code == 0) > answers.Count / 2, $"{answers.Count(a => a.Code == 0)} of {answers.Count} succeeded");

        // The restarted node serves every acknowledged write, as the others do.
        foreach (var instance in instances)
        {
            var names = await cluster.NamesAsync(1, instance);
            Assert.NotNull(names);
            Assert.Superset(acknowledged.GetValueOrDefault(instance, []).ToHashSet(), names!.ToHashSet());
            Assert.Equal(names, await cluster.NamesAsync(0, instance));
            Assert.Equal(names, await cluster.NamesAsync(2, instance));
        }
    }

    [Fact]
    public async Task A_node_that_wakes_from_a_long_freeze_never_answers_from_stale_memory()
    {
        await using var cluster = await NodeCluster.StartAsync(await postgres.NewDatabaseAsync(), 3, Settings);
        var activationsBefore = await ActivationsAsync(cluster, 2);
        var instances = new long[30];
        for (var i = 0; i < instances.Length; i++)
        {
            // Created, written and read through the node that will freeze, so that many of the grains live there.
            instances[i] = await cluster.CreateInstanceAsync(2);
            await cluster.CreateProcessAsync(2, instances[i], "before");
            Assert.Equal(["before"], (await cluster.NamesAsync(2, instances[i]))!);
        }

        var held = await ActivationsAsync(cluster, 2) - activationsBefore;
        Assert.True(held >= 5, $"only {held} grains live on the node that will freeze; the test would prove nothing");

        await cluster.Nodes[2].FreezeAsync();
        var written = Stopwatch.StartNew();
        await Task.WhenAll(instances.Select(async instance =>
        {
            // Calls to grains on the frozen node time out until the cluster declares it dead; then they move.
            while (written.Elapsed < TimeSpan.FromMinutes(1))
            {
                var answer = await cluster.CreateProcessAsync(0, instance, "during");
                var code = answer?["code"]?.GetValue<int>() ?? -1;
                if (code is 0 or 1199014)
                {
                    return;
                }

                Assert.True(code == -1 || Retryable.Contains(code), $"answered {code}");
            }

            Assert.Fail($"instance {instance} could not be written while a node was frozen");
        }));

        // Frozen 12 s at least: longer than the cluster takes to declare a silent node dead.
        var frozenFor = TimeSpan.FromSeconds(12) - written.Elapsed;
        if (frozenFor > TimeSpan.Zero)
        {
            await Task.Delay(frozenFor);
        }

        await cluster.Nodes[2].ThawAsync();
        var answered = 0;
        var reads = Stopwatch.StartNew();
        while (reads.Elapsed < TimeSpan.FromSeconds(4))
        {
            var lists = await Task.WhenAll(instances.Select(i => cluster.NamesAsync(2, i, TimeSpan.FromSeconds(3))));
            foreach (var names in lists.OfType<string[]>())
            {
                // Refusing is allowed while the node learns it was declared dead; answering without "during" is not.
                // (Listed by id; ids come from per-silo blocks, so "during" may sort first.)
                Assert.Equal(["before", "during"], names.Order(StringComparer.Ordinal));
                answered++;
            }
        }

        // However the woken node ended (gone, or serving again), the others agree on every instance.
        foreach (var instance in instances)
        {
            Assert.Equal(["before", "during"], (await cluster.NamesAsync(0, instance))!.Order(StringComparer.Ordinal));
            Assert.Equal(["before", "during"], (await cluster.NamesAsync(1, instance))!.Order(StringComparer.Ordinal));
        }

        Assert.True(answered > 0 || cluster.Nodes[2].HasExited, "the woken node neither answered nor stopped");
    }

    /// <summary>The node's <c>procorleans_activations</c> gauge.</summary>
    private static async Task<int> ActivationsAsync(NodeCluster cluster, int node)
    {
        using var http = cluster.Nodes[node].CreateClient(TimeSpan.FromSeconds(10));
        var metrics = await http.GetStringAsync("metrics");
        // A series without labels: "procorleans_activations{} 12".
        var line = metrics.Split('\n').Single(l => l.StartsWith("procorleans_activations{} ", StringComparison.Ordinal));
        return (int)double.Parse(line["procorleans_activations{} ".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string[]?> CreatedAndListedAsync(NodeCluster cluster, int node, long instance, string name)
    {
        Assert.Equal(0, (await cluster.CreateProcessAsync(node, instance, name))!["code"]!.GetValue<int>());
        return await cluster.NamesAsync((node + 1) % 3, instance);
    }
}
