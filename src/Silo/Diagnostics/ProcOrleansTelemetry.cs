using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ProcOrleans.Silo.Diagnostics;

/// <summary>
/// OpenTelemetry for any ProcOrleans host: metrics from the service's meter, Orleans, Npgsql and the
/// runtime; traces from grain calls, storage commits and SQL statements; OTLP export when the standard
/// <c>OTEL_EXPORTER_OTLP_*ENDPOINT</c> variables name a collector. Hosts add their own instrumentation
/// (ASP.NET Core) and readers (Prometheus) to the builder this returns.
/// </summary>
public static class ProcOrleansTelemetry
{
    /// <summary>Orleans' meter: messaging, activations, directory, membership.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Grain calls made and served by application code, and grain state reads and writes.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Storage"];

    private static readonly string[] OtlpEndpointSettings =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    public static OpenTelemetryBuilder AddProcOrleansTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName, serviceVersion: typeof(ProcOrleansTelemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddMeter(ProcOrleansMetrics.MeterName, OrleansMeter)
                .AddNpgsqlInstrumentation()
                .AddRuntimeInstrumentation()
                .OwnMetersOnly())
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new RequestRootSampler()))
                .AddSource(ProcOrleansTracing.SourceName)
                .AddSource(OrleansSources)
                .AddNpgsql());

        // Off unless a collector is named: an exporter pointed at nothing only logs connection errors.
        if (OtlpEndpointSettings.Any(name => !string.IsNullOrWhiteSpace(configuration[name])))
        {
            telemetry.UseOtlpExporter();
        }

        return telemetry;
    }

    /// <summary>
    /// A meter listener hears every meter of the process: a host's meters are the ones its own factory made
    /// (several hosts share a process in tests), and meters made without a factory (Orleans', the runtime's).
    /// </summary>
    private static MeterProviderBuilder OwnMetersOnly(this MeterProviderBuilder metrics)
    {
        ((IDeferredMeterProviderBuilder)metrics).Configure((services, builder) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, own)
                ? MetricStreamConfiguration.Drop
                : null);
        });
        return metrics;
    }

    /// <summary>
    /// A trace starts where an HTTP request comes in, and grain calls and SQL statements join it. Membership
    /// heartbeats, timers, id reservations and the dashboard's polling make spans with no request above them
    /// every second; they are dropped, so that a collector receives requests and what they caused.
    /// </summary>
    private sealed class RequestRootSampler : Sampler
    {
        // The activity ASP.NET Core starts for every request it serves.
        private const string HttpRequestIn = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

        private static readonly SamplingResult Sample = new(SamplingDecision.RecordAndSample);
        private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            samplingParameters.Kind == ActivityKind.Server && samplingParameters.Name == HttpRequestIn ? Sample : Drop;
    }
}
