namespace ProcOrleans.TestingHost.Tests;

/// <summary>One throwaway PostgreSQL server for every cluster test; each test takes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _databases;

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh, empty database of the shared server.</summary>
    public Task<string> NewDatabaseAsync() => Server.CreateDatabaseAsync($"cluster_{Interlocked.Increment(ref _databases)}");

    /// <summary>A cluster on a fresh database of the shared server.</summary>
    public async Task<ProcOrleansTestCluster> StartClusterAsync(int nodes = 3, IDictionary<string, string?>? settings = null)
    {
        var options = new ProcOrleansTestClusterOptions { NodeCount = nodes, ConnectionString = await NewDatabaseAsync() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            options.Settings[key] = value;
        }

        return await ProcOrleansTestCluster.StartAsync(options);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
