using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using ProcOrleans.Silo.Hosting;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.TestingHost;

/// <summary>
/// ProcOrleans nodes in this process, on Orleans' in-process test cluster: each node a silo configured as
/// production configures it, with its HTTP gateway on a loopback port, on one throwaway PostgreSQL database
/// (Orleans' ADO.NET membership included) or, for one node, a SQLite file. Nodes can be killed, stopped,
/// restarted and added; <see cref="Grains"/> calls grains as an Orleans client of the cluster.
/// </summary>
public sealed class ProcOrleansTestCluster : IAsyncDisposable
{
    private readonly List<ProcOrleansTestNode> _nodes = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly string? _folder;
    private InProcessTestCluster _cluster = null!;

    private ProcOrleansTestCluster(ProcOrleansTestClusterOptions options, string connectionString, PostgresServer? postgres, string? folder)
    {
        Options = options;
        ConnectionString = connectionString;
        Postgres = postgres;
        _folder = folder;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = options.Provider,
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

    public ProcOrleansTestClusterOptions Options { get; }

    public IReadOnlyList<ProcOrleansTestNode> Nodes => _nodes;

    /// <summary>The database every node uses.</summary>
    public string ConnectionString { get; }

    /// <summary>The PostgreSQL server the cluster started, when it started one.</summary>
    public PostgresServer? Postgres { get; }

    /// <summary>Grains of the cluster, called as an Orleans client would call them.</summary>
    public IGrainFactory Grains => _cluster.Client;

    /// <summary>The underlying Orleans test cluster, for what this type does not wrap.</summary>
    public InProcessTestCluster Orleans => _cluster;

    /// <summary>Starts the nodes (and a throwaway PostgreSQL server unless a connection string is given).</summary>
    public static async Task<ProcOrleansTestCluster> StartAsync(ProcOrleansTestClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProcOrleansTestClusterOptions();
        var sqlite = options.Provider == StorageProviders.Sqlite;
        if (sqlite && options.NodeCount != 1)
        {
            throw new ArgumentException("A SQLite database has one owner: a SQLite test cluster has exactly one node.", nameof(options));
        }

        PostgresServer? postgres = null;
        string? folder = null;
        var connectionString = options.ConnectionString;
        if (sqlite)
        {
            folder = Path.Combine(Path.GetTempPath(), "procorleans-testcluster", Guid.NewGuid().ToString("N"));
            connectionString ??= $"Data Source={Path.Combine(folder, "procorleans.db")}";
        }
        else if (connectionString is null)
        {
            postgres = await PostgresServer.StartAsync(cancellationToken);
            connectionString = await postgres.CreateDatabaseAsync("procorleans", cancellationToken);
        }

        var cluster = new ProcOrleansTestCluster(options, connectionString, postgres, folder);
        try
        {
            for (var i = 0; i < options.NodeCount; i++)
            {
                cluster._nodes.Add(new ProcOrleansTestNode(i, FreePort()));
            }

            cluster._cluster = cluster.Build();
            await cluster._cluster.DeployAsync();
            cluster.Track();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Stops a node at once, as a crash would: requests in flight on it fail, acknowledged writes stay.</summary>
    public async Task KillNodeAsync(int index)
    {
        if (_nodes[index].Silo is { } silo)
        {
            _nodes[index].Silo = null;
            await _cluster.KillSiloAsync(silo);
        }
    }

    /// <summary>Stops a node gracefully: its grains deactivate and the cluster learns it left.</summary>
    public async Task StopNodeAsync(int index)
    {
        if (_nodes[index].Silo is { } silo)
        {
            _nodes[index].Silo = null;
            await _cluster.StopSiloAsync(silo);
        }
    }

    /// <summary>Kills a node if it runs, then starts it again on the same HTTP port.</summary>
    public async Task RestartNodeAsync(int index)
    {
        await KillNodeAsync(index);
        _nodes[index].Silo = await _cluster.StartSiloAsync(index, _cluster.Options);
    }

    /// <summary>Starts one more node on the same database.</summary>
    public async Task<ProcOrleansTestNode> AddNodeAsync()
    {
        if (Options.Provider == StorageProviders.Sqlite)
        {
            throw new InvalidOperationException("A SQLite database has one owner: a SQLite test cluster has exactly one node.");
        }

        var node = new ProcOrleansTestNode(_nodes.Count, FreePort());
        _nodes.Add(node);
        node.Silo = await _cluster.StartSiloAsync(node.Index, _cluster.Options);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            foreach (var node in _nodes)
            {
                await KillNodeAsync(node.Index);
            }

            await _cluster.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private InProcessTestCluster Build()
    {
        var builder = new InProcessTestClusterBuilder((short)Options.NodeCount);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.GatewayPerSilo = true;
        // Transport, membership and the grain directory are the test cluster's own (in memory); everything
        // else is configured as a production node configures it, on the real database.
        var callTimeout = _settings.TryGetValue("Silo:CallTimeout", out var timeout) && timeout is not null
            ? TimeSpan.Parse(timeout, CultureInfo.InvariantCulture)
            : new SiloSettings().CallTimeout;

        builder.ConfigureSiloHost((silo, host) =>
        {
            host.Configuration.AddInMemoryCollection(_settings);
            host.Services.AddProcOrleansStorage(host.Configuration);
            host.UseOrleans(orleans => orleans.AddProcOrleans(host.Configuration, networking: false));
            var port = _nodes[int.Parse(silo.SiloName["Silo_".Length..], CultureInfo.InvariantCulture)].Port;
            host.Services.AddHostedService(sp => new HttpFrontDoor(sp, port, _settings));
        });
        builder.ConfigureClient(client =>
        {
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = callTimeout);
        });
        return builder.Build();
    }

    private void Track()
    {
        foreach (var silo in _cluster.Silos)
        {
            _nodes[silo.InstanceNumber].Silo = silo;
        }
    }

    private static int FreePort() => Silo.Hosting.FreePort.On(IPAddress.Loopback);
}
