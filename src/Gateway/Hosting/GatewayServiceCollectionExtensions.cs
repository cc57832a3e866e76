using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using ProcOrleans.Gateway.Errors;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Observability;
using ProcOrleans.Gateway.OpenApi;
using ProcOrleans.Silo.Diagnostics;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Silo.Runtime;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Gateway.Hosting;

/// <summary>The composition root: a silo (grain runtime + storage) co-hosted with the ESB gateway.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static WebApplicationBuilder AddProcOrleans(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<EsbOptions>().BindConfiguration(EsbOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EsbOptions>, EsbOptionsValidator>();
        services.AddOptions<TimeOptions>().BindConfiguration(TimeOptions.SectionName)
            .Validate(ValidZone, "Time:Zone is not a known time zone id.").ValidateOnStart();

        // The body limit is enforced by EsbRequest with an envelope answer; Kestrel's own limit is only a
        // backstop, set above it so that ours answers first.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<EsbOptions>>((kestrel, esb) =>
            kestrel.Limits.MaxRequestBodySize = (long)esb.Value.MaxBodyBytes + 1);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ProcessJsonWriter(sp.GetRequiredService<IOptions<TimeOptions>>().Value.ResolveZone()));
        services.AddSingleton<AppAuthenticator>();
        services.AddSingleton<PermissionChecker>();
        services.AddSingleton<ServiceInstanceBatches>();

        services.AddGrainRuntime();
        services.AddGrain<IServiceInstanceGrain, ServiceInstanceGrain>();
        services.AddProcOrleansStorage(builder.Configuration);

        // The exporter listens from the start, so that /metrics counts every call.
        services.AddSingleton<PrometheusExporter>();
        services.AddHostedService(sp =>
        {
            sp.GetRequiredService<PrometheusExporter>();
            return new ActivationGauge(sp.GetRequiredService<ProcOrleansMetrics>(), sp.GetRequiredService<GrainRuntime>());
        });

        services.AddOpenApi(options => options.AddOperationTransformer<EsbOperationTransformer>());

        services.AddExceptionHandler<EnvelopeExceptionHandler>();
        services.AddProblemDetails();
        return builder;
    }

    private static bool ValidZone(TimeOptions options)
    {
        try
        {
            options.ResolveZone();
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
