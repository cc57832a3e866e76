using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ProcOrleans.Gateway.Tests.Infrastructure;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Gateway.Tests.Observability;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task Metrics_count_requests_by_api_and_code_and_time_them()
    {
        using var factory = new GatewayFactory();
        var esb = factory.CreateEsbClient();
        var id = await esb.CreateServiceInstanceAsync();
        await esb.ListProcessesAsync(1, id);
        await esb.ListProcessesAsync(1, id);
        (await esb.PostAsync("list_process_instance", new JsonObject { ["bk_biz_id"] = 1 })).AssertError(1199006);
        await esb.PostRawAsync("no_such_api_" + Guid.NewGuid().ToString("N"), "{}", expectedStatus: HttpStatusCode.NotFound);

        var text = await esb.Http.GetStringAsync("/metrics");

        Assert.Contains("# TYPE procorleans_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains("procorleans_requests_total{api=\"list_process_instance\",code=\"0\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("procorleans_requests_total{api=\"list_process_instance\",code=\"1199006\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("procorleans_requests_total{api=\"unknown\",code=\"1199011\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no_such_api_", text, StringComparison.Ordinal);
        Assert.Contains("procorleans_request_duration_ms_bucket{api=\"list_process_instance\",le=\"+Inf\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("procorleans_request_duration_ms_count{api=\"list_process_instance\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("procorleans_storage_commit_duration_ms_count{provider=\"Sqlite\"}", text, StringComparison.Ordinal);
        Assert.Matches(@"procorleans_request_duration_ms_bucket\{api=""list_process_instance"",le=""5""\} \d+", text);
        Assert.DoesNotContain("procorleans_request_duration_milliseconds", text, StringComparison.Ordinal);
        // The exporter writes a series without labels with empty braces.
        Assert.Matches(@"procorleans_activations(\{\})? [1-9]\d*", text);

        // ASP.NET Core's, Orleans' and the runtime's meters under their usual scrape names.
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE orleans_catalog_activations gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_up_and_readiness_follows_storage()
    {
        using var factory = new GatewayFactory();
        using var http = factory.CreateClient();
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        using var other = new GatewayFactory();
        using var broken = other.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IStorageHealth>(new UnreachableStorage())));
        using var brokenHttp = broken.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await brokenHttp.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await brokenHttp.GetAsync("/readyz")).StatusCode);
    }

    private sealed class UnreachableStorage : IStorageHealth
    {
        public Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
            Task.FromException<bool>(new IOException("database is gone"));
    }
}
