using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ProcOrleans.Silo.Diagnostics;

namespace ProcOrleans.TestingHost.Tests;

/// <summary>A request's trace across silos of a PostgreSQL cluster, down to the SQL statements.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TracingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Each_request_is_one_trace_from_the_http_handler_through_the_grain_call_on_any_silo_to_its_sql()
    {
        await using var cluster = await postgres.StartClusterAsync();
        var instance = await Esb.CreateInstanceAsync(cluster, 0);
        var spans = new List<Activity>();
        // Listeners hear every host of the process: this one sees every node, with the sources the nodes trace.
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("Microsoft.AspNetCore", ProcOrleansTracing.SourceName, "Npgsql")
            .AddSource(ProcOrleansTelemetry.OrleansSources)
            .AddInMemoryExporter(spans)
            .Build();

        // The instance's grain has one activation in the cluster: of three requests through three nodes,
        // at least two cross from the node that took the request to the silo that holds the grain.
        for (var node = 0; node < 3; node++)
        {
            // The caller's own trace context: the node continues it, which names this request's trace.
            var traceId = ActivityTraceId.CreateRandom();
            var callerSpan = ActivitySpanId.CreateRandom();
            using var http = cluster.Nodes[node].CreateClient();
            http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId.ToHexString()}-{callerSpan.ToHexString()}-01");
            var created = await Esb.PostAsync(http, cluster, "create_process_instance", Esb.ProcessesBody(instance, $"traced-{node}"));
            created.Ok();

            var trace = await TraceAsync(spans, traceId, t => t.Any(s => s.Source.Name == "Npgsql" && Under(s, "storage commit", t)));
            var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
            Assert.Equal(callerSpan, request.ParentSpanId);
            Assert.Equal("/api/c/compapi/v2/cc/create_process_instance/", request.GetTagItem("url.path"));
            var dump = string.Join("\n", trace.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName} {s.SpanId} <- {s.ParentSpanId}"));
            var call = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Client && s.ParentSpanId == request.SpanId);
            var served = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server && s.ParentSpanId == call.SpanId);
            Assert.Contains("IServiceInstanceGrain", served.DisplayName, StringComparison.Ordinal);
            var commit = Assert.Single(trace, s => s.DisplayName == "storage commit");
            Assert.True(Ancestors(commit, trace).Contains(served), dump);
            Assert.Equal("postgresql", commit.GetTagItem("db.system.name"));
            // The node's writer sends the commits waiting together as one group; a lone commit's group is its child.
            var group = Assert.Single(trace, s => s.DisplayName == "storage group commit");
            Assert.Equal(commit.SpanId, group.ParentSpanId);
            Assert.Contains(trace, s => s.Source.Name == "Npgsql" && s.ParentSpanId == group.SpanId);
        }
    }

    private static bool Under(Activity span, string name, IReadOnlyList<Activity> trace) =>
        Ancestors(span, trace).Any(a => a.DisplayName == name);

    private static List<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        var ancestors = new List<Activity>();
        for (var parent = trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null && ancestors.Count < 64;
             parent = trace.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            ancestors.Add(parent);
        }

        return ancestors;
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static async Task<List<Activity>> TraceAsync(List<Activity> spans, ActivityTraceId traceId, Func<List<Activity>, bool> complete)
    {
        var trace = new List<Activity>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            trace = Snapshot(spans).Where(s => s.TraceId == traceId).ToList();
            if (complete(trace))
            {
                return trace;
            }

            await Task.Delay(50);
        }

        return trace;
    }
}
