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
            var created = await Esb.CreateProcessesAsync(cluster, node, instance, $"traced-{node}");
            created.Ok();
            var request = await SpanAsync(spans, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore"
                && (s.GetTagItem("url.path") as string)?.Contains("create_process_instance", StringComparison.Ordinal) == true
                && !SeenBefore(s));
            Seen.Add(request.TraceId);

            var trace = await TraceAsync(spans, request.TraceId, t => t.Any(s => s.Source.Name == "Npgsql" && Under(s, "storage commit", t)));
            var dump = string.Join("\n", trace.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName} {s.SpanId} <- {s.ParentSpanId}"));
            Assert.Equal(default, request.ParentSpanId);
            var call = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Client && s.ParentSpanId == request.SpanId);
            var served = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server && s.ParentSpanId == call.SpanId);
            Assert.Contains("IServiceInstanceGrain", served.DisplayName, StringComparison.Ordinal);
            var commit = Assert.Single(trace, s => s.DisplayName == "storage commit");
            Assert.True(Ancestors(commit, trace).Contains(served), dump);
            Assert.Equal("postgresql", commit.GetTagItem("db.system.name"));
            Assert.Contains(trace, s => s.Source.Name == "Npgsql" && s.ParentSpanId == commit.SpanId);
        }
    }

    private HashSet<ActivityTraceId> Seen { get; } = [];

    private bool SeenBefore(Activity span) => Seen.Contains(span.TraceId);

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

    // Server spans end after their response is sent: wait for the exporter to see them.
    private static async Task<Activity> SpanAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (Snapshot(spans).FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("span not exported");
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
