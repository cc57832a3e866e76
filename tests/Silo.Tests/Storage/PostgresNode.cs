using Microsoft.Extensions.DependencyInjection;

namespace ProcOrleans.Silo.Tests.Storage;

/// <summary>The storage of one cluster node on a PostgreSQL database.</summary>
internal sealed class PostgresNode : StorageNode
{
    private PostgresNode(string connectionString, ServiceProvider services)
        : base(services) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static Task<PostgresNode> StartAsync(string connectionString, IDictionary<string, string?>? settings = null) =>
        StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ProcOrleans"] = connectionString,
            ["Storage:Provider"] = "Postgres",
        }, settings, services => new PostgresNode(connectionString, services));
}
