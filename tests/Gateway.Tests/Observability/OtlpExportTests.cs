using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Observability;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task The_standard_endpoint_variable_switches_otlp_export_on()
    {
        // A collector on loopback that records what reaches it (OTLP over HTTP posts to /v1/<signal>).
        var received = new ConcurrentQueue<string>();
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = collector.Build();
        app.MapPost("/v1/{signal}", (string signal, HttpRequest request) =>
        {
            received.Enqueue($"{signal} {request.ContentType}");
            return Results.Ok();
        });
        await app.StartAsync();
        var endpoint = app.Urls.Single();

        using var node = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        var esb = node.CreateEsbClient();
        await esb.CreateServiceInstanceAsync();

        for (var attempt = 0; attempt < 200 && !(received.Any(r => r.StartsWith("traces ", StringComparison.Ordinal)) && received.Any(r => r.StartsWith("metrics ", StringComparison.Ordinal))); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Contains("traces application/x-protobuf", received);
        Assert.Contains("metrics application/x-protobuf", received);
    }
}
