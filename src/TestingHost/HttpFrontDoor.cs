using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcOrleans.Gateway.Hosting;
using ProcOrleans.Silo.Diagnostics;

namespace ProcOrleans.TestingHost;

/// <summary>
/// A test silo's HTTP gateway: the node's real web application, calling grains through the silo it lives
/// in, started after the silo and stopped with it (abruptly when the silo is killed).
/// </summary>
internal sealed class HttpFrontDoor(IServiceProvider silo, int port, IReadOnlyDictionary<string, string?> settings) : IHostedService
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var app = GatewayApp.Create(["--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            // One node, one set of meters: the gateway counts its calls where the silo counts its commits.
            builder.Services.AddSingleton(silo.GetRequiredService<IMeterFactory>());
            builder.Services.AddSingleton(silo.GetRequiredService<ProcOrleansMetrics>());
        }, silo.GetRequiredService<IGrainFactory>());
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        _app = app;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not { } app)
        {
            return;
        }

        _app = null;
        await app.StopAsync(cancellationToken);
        await app.DisposeAsync();
    }
}
