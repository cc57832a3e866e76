using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Diagnostics;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Silo.Hosting;

/// <summary>
/// A silo with no HTTP API: <c>dotnet ProcOrleans.Silo.dll --urls http://127.0.0.1:5181</c>, the cluster's
/// grains for gateways that run as Orleans clients (<c>Node:Role=Gateway</c>). It listens over HTTP only for
/// <c>/healthz</c> and <c>/readyz</c>, so that a supervisor or load balancer can probe it like a node.
/// </summary>
public static class SiloHost
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddProcOrleansStorage(builder.Configuration);
        builder.UseOrleans(silo => silo.AddProcOrleans(builder.Configuration));
        builder.Services.AddProcOrleansTelemetry(builder.Configuration, "ProcOrleans.Silo");
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (IStorageHealth storage, CancellationToken cancellationToken) =>
            Readiness.AnswerAsync(storage.IsReadyAsync, cancellationToken));
        await app.RunAsync();
    }
}
