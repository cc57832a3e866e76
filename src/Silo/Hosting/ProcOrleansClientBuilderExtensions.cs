using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Silo.Hosting;

/// <summary>How a gateway that holds no grains (<c>Node:Role=Gateway</c>) reaches a cluster of silos.</summary>
public static class ProcOrleansClientBuilderExtensions
{
    /// <summary>
    /// The silos' cluster id, their gateways from the membership table of the same PostgreSQL database, and
    /// the call timeout of the silos (1199504 past it).
    /// </summary>
    public static IClientBuilder AddProcOrleans(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = storage.ConnectionString ?? configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (storage.Provider != StorageProviders.Postgres || string.IsNullOrWhiteSpace(connectionString))
        {
            // A SQLite node is a cluster of one that no client can join.
            throw new InvalidOperationException(
                "A gateway-only node (Node:Role=Gateway) needs the cluster's database: Storage:Provider=Postgres and its connection string.");
        }

        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = GrainStateStorage.PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        client.Configure<ClientMessagingOptions>(o =>
        {
            o.ResponseTimeout = settings.CallTimeout;
            o.CancelRequestOnTimeout = true;
        });
        client.AddActivityPropagation();
        // Gateways come and go with silos: look again often, so a restarted silo takes traffic soon.
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        return client;
    }
}
