using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;
using ProcOrleans.Grains.Ids;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Consistency;
using ProcOrleans.Silo.Diagnostics;
using ProcOrleans.Silo.Ids;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Silo.Hosting;

/// <summary>The one place a ProcOrleans silo is configured, whoever hosts it (a node, a silo-only host, a test cluster).</summary>
public static class ProcOrleansSiloBuilderExtensions
{
    /// <summary>
    /// Clustering (localhost on SQLite, ADO.NET on PostgreSQL), endpoints, membership timing, timeouts,
    /// collection, grain-private state, and the services grains need. Storage must be added to the host
    /// first (<see cref="StorageServiceCollectionExtensions.AddProcOrleansStorage"/>): its migrations create
    /// Orleans' tables before the silo starts.
    /// </summary>
    /// <param name="networking">
    /// False when the host brings its own endpoints, transport and membership (Orleans' in-process test cluster).
    /// </param>
    public static ISiloBuilder AddProcOrleans(this ISiloBuilder silo, IConfiguration configuration, bool networking = true)
    {
        var services = silo.Services;
        services.AddProcOrleansShared();
        services.AddOptions<SiloSettings>().BindConfiguration(SiloSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloSettings>, SiloSettingsValidator>();
        var settings = configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        storage.ConnectionString ??= configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        var clustered = storage.Provider == StorageProviders.Postgres;

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (networking)
        {
            var address = IPAddress.TryParse(settings.AdvertisedAddress, out var parsed) ? parsed : IPAddress.Loopback;
            var siloPort = settings.SiloPort > 0 ? settings.SiloPort : FreePort.On(address);
            var gatewayPort = settings.GatewayPort > 0 ? settings.GatewayPort : FreePort.On(address);
            if (!clustered)
            {
                // One node owns its SQLite file: a cluster of one, with no table to find peers in.
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            }

            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = address;
                o.SiloPort = siloPort;
                o.GatewayPort = gatewayPort;
            });
        }

        if (clustered && networking)
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = GrainStateStorage.PostgresInvariant;
                o.ConnectionString = storage.ConnectionString;
            });
        }

        // Measured: a killed silo's grains answer again elsewhere after 0.8-1.4 s with these, 6.6-11.9 s with the defaults.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });

        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = settings.CallTimeout;
            // A caller that gave up must not have its write land later: the grain's token is cancelled and
            // the write is rolled back unless it is already durable.
            o.CancelRequestOnTimeout = true;
        });
        silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = settings.CollectionAge;
            o.CollectionQuantum = settings.CollectionInterval;
            o.EnableActivationSheddingOnMemoryPressure = true;
            o.MemoryUsageLimitPercentage = settings.MemoryUsageLimitPercentage;
            o.MemoryUsageTargetPercentage = settings.MemoryUsageTargetPercentage;
        });

        silo.AddAdoNetGrainStorage(IdSequenceGrain.StorageName, options => options.Configure<IServiceProvider>((o, sp) =>
        {
            var stateStorage = GrainStateStorage.For(storage);
            o.Invariant = stateStorage.Invariant;
            o.ConnectionString = stateStorage.ConnectionString;
            // Readable rows: an operator can see a sequence's high-water mark with a SELECT.
            o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(sp);
        }));
        silo.AddIncomingGrainCallFilter<StorageErrorFilter>();
        // A request's trace goes on through the grain calls it makes, on whichever silo they land.
        silo.AddActivityPropagation();

        services.AddSingleton<IdSequenceSeed>();
        services.AddSingleton<IIdAllocator>(sp => new BlockIdAllocator(
            sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<StorageOptions>().IdBlockSize));
        services.AddSingleton<MemoryLease>();
        services.AddSingleton<IMemoryLease>(sp => sp.GetRequiredService<MemoryLease>());
        services.AddHostedService(sp => sp.GetRequiredService<MemoryLease>());
        services.AddHostedService<ActivationGauge>();
        return silo;
    }
}
