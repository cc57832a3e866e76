namespace ProcOrleans.TestingHost;

/// <summary>
/// Several ProcOrleans nodes in this process, on one PostgreSQL database, each reachable over HTTP: for our
/// tests and for users testing their own integrations. Nodes can be killed, restarted and added.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<TestNode> _nodes = [];
    private readonly Dictionary<string, string?> _settings;

    private TestCluster(TestClusterOptions options, string connectionString, PostgresServer? postgres)
    {
        Options = options;
        ConnectionString = connectionString;
        Postgres = postgres;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:ProcOrleans"] = connectionString,
            ["Time:Zone"] = options.TimeZone,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Esb:Apps:0:AppCode"] = options.AppCode,
            ["Esb:Apps:0:AppSecret"] = options.AppSecret,
            ["Esb:Grants:0:AppCode"] = options.AppCode,
            ["Esb:Grants:0:User"] = "*",
            ["Esb:Grants:0:Actions:0"] = "*",
            ["Esb:Grants:0:Businesses:0"] = "*",
        };
        foreach (var (key, value) in options.Settings)
        {
            _settings[key] = value;
        }
    }

    public TestClusterOptions Options { get; }

    public IReadOnlyList<TestNode> Nodes => _nodes;

    /// <summary>The database every node uses.</summary>
    public string ConnectionString { get; }

    /// <summary>The server the cluster started, when it started one.</summary>
    public PostgresServer? Postgres { get; }

    /// <summary>Starts the nodes (and a throwaway PostgreSQL server unless a connection string is given), all at once.</summary>
    public static async Task<TestCluster> StartAsync(TestClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestClusterOptions();
        PostgresServer? postgres = null;
        var connectionString = options.ConnectionString;
        if (connectionString is null)
        {
            postgres = await PostgresServer.StartAsync(cancellationToken);
            connectionString = await postgres.CreateDatabaseAsync("procorleans", cancellationToken);
        }

        var cluster = new TestCluster(options, connectionString, postgres);
        try
        {
            for (var i = 0; i < options.NodeCount; i++)
            {
                cluster._nodes.Add(new TestNode(i, cluster._settings));
            }

            // Together, as a real rollout would: migrations must run once however the starts interleave.
            await Task.WhenAll(cluster._nodes.Select(n => n.StartAsync(cancellationToken)));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Stops a node abruptly; requests in flight on it fail, acknowledged writes stay.</summary>
    public Task KillNodeAsync(int index) => _nodes[index].KillAsync();

    /// <summary>Kills a node if it runs, then starts it again on the same port.</summary>
    public async Task RestartNodeAsync(int index, CancellationToken cancellationToken = default)
    {
        await _nodes[index].KillAsync();
        await _nodes[index].StartAsync(cancellationToken);
    }

    /// <summary>Starts one more node on the same database.</summary>
    public async Task<TestNode> AddNodeAsync(CancellationToken cancellationToken = default)
    {
        var node = new TestNode(_nodes.Count, _settings);
        await node.StartAsync(cancellationToken);
        _nodes.Add(node);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.KillAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
