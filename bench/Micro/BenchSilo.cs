using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Bench.Micro;

/// <summary>A real Orleans silo in this process whose grains read and write a <see cref="SyntheticStore"/>.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchSilo> StartAsync(SyntheticStore store)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IServiceInstanceStore>(store);
        builder.Services.AddSingleton<IIdAllocator>(store);
        builder.Services.AddSingleton<IMemoryLease>(store);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new ProcessJsonWriter(TimeZoneInfo.Utc));
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort()));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
