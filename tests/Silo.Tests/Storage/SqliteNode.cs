using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Silo.Tests.Storage;

/// <summary>The storage of one node on a SQLite file, started as the host would start it.</summary>
internal sealed class SqliteNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private SqliteNode(string folder, ServiceProvider services)
    {
        Folder = folder;
        _services = services;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "procorleans.db");

    public IServiceInstanceStore Store => _services.GetRequiredService<IServiceInstanceStore>();

    public IServiceInstanceQueries Queries => _services.GetRequiredService<IServiceInstanceQueries>();

    public IStorageHealth Health => _services.GetRequiredService<IStorageHealth>();

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "procorleans-storage-tests", Guid.NewGuid().ToString("N"));

    public static async Task<SqliteNode> StartAsync(string? folder = null, IDictionary<string, string?>? settings = null)
    {
        folder ??= NewFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ProcOrleans"] = $"Data Source={Path.Combine(folder, "procorleans.db")}",
            ["Storage:Provider"] = "Sqlite",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddProcOrleansStorage(configuration)
            .BuildServiceProvider();
        var node = new SqliteNode(folder, services);
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
