namespace ProcOrleans.TestingHost.Tests.Processes;

/// <summary>Gateways that hold no grains, as Orleans clients of silo-only hosts, on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SplitTopologyTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Gateway_only_nodes_serve_the_api_from_silo_hosts_and_keep_serving_when_a_silo_dies()
    {
        await using var cluster = await NodeCluster.StartAsync(
            await postgres.NewDatabaseAsync(), count: 2, new Dictionary<string, string> { ["Silo__CallTimeout"] = "00:00:05" }, silos: 2);
        var instances = new long[8];
        for (var i = 0; i < instances.Length; i++)
        {
            instances[i] = await cluster.CreateInstanceAsync(i % 2);
            Assert.Equal(0, (await cluster.CreateProcessAsync(i % 2, instances[i], "a"))!["code"]!.GetValue<int>());
            Assert.Equal(["a"], (await cluster.NamesAsync((i + 1) % 2, instances[i]))!);
        }

        using (var probe = cluster.Silos[0].CreateClient(TimeSpan.FromSeconds(10)))
        {
            Assert.Equal("ready", await probe.GetStringAsync("readyz"));
        }

        cluster.Silos[1].Kill();

        // Grains of the dead silo come back on the other one; the gateways find it by themselves.
        foreach (var instance in instances)
        {
            string[]? names = null;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (names is null && DateTime.UtcNow < deadline)
            {
                var answer = await cluster.CreateProcessAsync(0, instance, "b");
                var code = answer?["code"]?.GetValue<int>();
                names = code is 0 or 1199014 ? await cluster.NamesAsync(1, instance) : null;
            }

            // Listed by id, and ids come from per-silo blocks: "b", taken by the surviving silo, may sort first.
            Assert.Equal(["a", "b"], names!.Order(StringComparer.Ordinal));
        }
    }
}
