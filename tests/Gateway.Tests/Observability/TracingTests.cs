using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using ProcOrleans.Gateway.Tests.Infrastructure;

namespace ProcOrleans.Gateway.Tests.Observability;

public sealed class TracingTests
{
    [Fact]
    public async Task One_trace_runs_from_the_http_request_through_the_grain_call_to_the_storage_commit()
    {
        var spans = new List<Activity>();
        using var node = new GatewayFactory();
        using var traced = node.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        var esb = new EsbTestClient(traced.CreateClient(), GatewayFactory.AppCode, GatewayFactory.AppSecret);
        var id = await esb.CreateServiceInstanceAsync();

        var created = await esb.PostAsync("create_process_instance", new JsonObject
        {
            ["bk_biz_id"] = 1,
            ["service_instance_id"] = id,
            ["processes"] = new JsonArray(new JsonObject { ["process_info"] = new JsonObject { ["bk_process_name"] = "traced", ["bk_func_name"] = "traced" } }),
        });
        created.AssertSuccess();

        // Listeners hear every host in the process (other tests' nodes too): the log line names this request's trace.
        var line = await LogLineAsync(node, created.RequestId);
        var traceId = System.Text.RegularExpressions.Regex.Match(line, "trace_id=([0-9a-f]{32})").Groups[1].Value;
        var request = await SpanAsync(spans, s => s.TraceId.ToHexString() == traceId && s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal("/api/c/compapi/v2/cc/create_process_instance/", request.GetTagItem("url.path"));
        var trace = Snapshot(spans).Where(s => s.TraceId == request.TraceId).ToList();
        var dump = string.Join("\n", trace.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName} {s.SpanId} <- {s.ParentSpanId}"));

        // HTTP server span -> grain call (client) -> grain call (server) -> ... -> storage commit.
        Assert.Equal(default, request.ParentSpanId);
        var call = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Client && s.ParentSpanId == request.SpanId);
        var served = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server && s.ParentSpanId == call.SpanId);
        Assert.Contains("IServiceInstanceGrain", served.DisplayName, StringComparison.Ordinal);
        var commit = Assert.Single(trace, s => s.Source.Name == "ProcOrleans" && s.DisplayName == "storage commit");
        Assert.True(IsDescendant(commit, served, trace), dump);
        Assert.Equal("sqlite", commit.GetTagItem("db.system.name"));
    }

    [Fact]
    public async Task Probes_and_scrapes_start_no_trace()
    {
        var spans = new List<Activity>();
        using var node = new GatewayFactory();
        using var traced = node.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        using var http = traced.CreateClient();
        await http.GetStringAsync("/healthz");
        await http.GetStringAsync("/metrics");
        var esb = new EsbTestClient(http, GatewayFactory.AppCode, GatewayFactory.AppSecret);
        await esb.CreateServiceInstanceAsync();

        await SpanAsync(spans, s => s.Source.Name == "Microsoft.AspNetCore" && (s.GetTagItem("url.path") as string)?.Contains("create_service_instance", StringComparison.Ordinal) == true);
        var paths = Snapshot(spans).Where(s => s.Source.Name == "Microsoft.AspNetCore").Select(s => s.GetTagItem("url.path") as string).ToList();
        Assert.DoesNotContain("/healthz", paths);
        Assert.DoesNotContain("/metrics", paths);
        // Every exported span belongs to a request: no background roots.
        Assert.All(Snapshot(spans).Where(s => s.ParentSpanId == default), s => Assert.Equal("Microsoft.AspNetCore", s.Source.Name));
    }

    private static bool IsDescendant(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var current = span;
        while (current.ParentSpanId != default)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }

            current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId) ?? span;
            if (ReferenceEquals(current, span))
            {
                return false;
            }
        }

        return false;
    }

    // The line is written once the answer is sent.
    private static async Task<string> LogLineAsync(GatewayFactory node, string requestId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (node.Logs.Lines.FirstOrDefault(l => l.Contains($"request_id={requestId} ", StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"no log line for {requestId}");
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    // A server span ends after its response is sent: wait for the exporter to see it.
    private static async Task<Activity> SpanAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Snapshot(spans).FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("span not exported: " + string.Join("\n", Snapshot(spans).Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName}")));
    }
}
