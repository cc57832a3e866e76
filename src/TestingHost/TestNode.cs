using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ProcOrleans.Gateway.Hosting;

namespace ProcOrleans.TestingHost;

/// <summary>One node of a <see cref="TestCluster"/>: a real Kestrel server on a loopback port.</summary>
public sealed class TestNode
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private WebApplication? _app;

    internal TestNode(int index, IReadOnlyDictionary<string, string?> settings)
    {
        Index = index;
        _settings = settings;
        Port = FreePort();
    }

    public int Index { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => _app is not null;

    /// <summary>The running node's services (its grain runtime, storage, options).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException($"Node {Index} is not running.");

    /// <summary>A client for this node; it keeps working across a restart of the node.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var app = GatewayApp.Create(["--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_settings);
            builder.WebHost.UseUrls(BaseAddress.ToString().TrimEnd('/'));
        });
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

    /// <summary>Stops at once: no drain of requests in flight, as a crash would.</summary>
    internal async Task KillAsync()
    {
        if (_app is not { } app)
        {
            return;
        }

        _app = null;
        await app.StopAsync(new CancellationToken(canceled: true));
        await app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
