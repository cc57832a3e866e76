using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Tests.ServiceInstances;

/// <summary>
/// One Orleans silo in this process whose grains store into an <see cref="InMemoryStore"/>, called through
/// a cluster client, so every command and answer crosses the serializer as it would between silos.
/// </summary>
public sealed class GrainCluster : IAsyncLifetime
{
    private long _nextInstanceId;

    internal InMemoryStore Store { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>An instance id no other test of the class uses.</summary>
    public long NewInstanceId() => Interlocked.Increment(ref _nextInstanceId);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<IServiceInstanceStore>(Store);
            host.Services.AddSingleton<IIdAllocator>(Store);
            host.Services.AddSingleton<IMemoryLease>(Store);
            host.Services.AddSingleton(TimeProvider.System);
            host.Services.AddSingleton(new ProcessJsonWriter(TimeZoneInfo.Utc));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
