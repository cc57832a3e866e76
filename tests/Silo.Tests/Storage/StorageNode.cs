using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Silo.Tests.Storage;

/// <summary>The storage of one node, on whichever provider the settings name, started as the host would start it.</summary>
internal class StorageNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    protected StorageNode(ServiceProvider services) => _services = services;

    public IServiceInstanceStore Store => _services.GetRequiredService<IServiceInstanceStore>();

    public IServiceInstanceQueries Queries => _services.GetRequiredService<IServiceInstanceQueries>();

    public IStorageHealth Health => _services.GetRequiredService<IStorageHealth>();

    /// <summary>Starts a node on <paramref name="settings"/>, any of which <paramref name="overrides"/> replaces.</summary>
    protected static async Task<T> StartAsync<T>(
        IDictionary<string, string?> settings, IDictionary<string, string?>? overrides, Func<ServiceProvider, T> create)
        where T : StorageNode
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddProcOrleansStorage(configuration)
            .BuildServiceProvider();
        var node = create(services);
        try
        {
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
                node._started.Add(hosted);
            }
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>
    /// Stops as a web host does when asked to stop from outside: the caller and the host's own run loop both
    /// stop the services, and the container is disposed, all at once.
    /// </summary>
    public async Task StopFromEverywhereAtOnceAsync()
    {
        var stops = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            foreach (var hosted in Enumerable.Reverse(_started))
            {
                await hosted.StopAsync(CancellationToken.None);
            }
        }));
        await Task.WhenAll([.. stops, Task.Run(async () => await _services.DisposeAsync())]);
        _started.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Enumerable.Reverse(_started))
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
