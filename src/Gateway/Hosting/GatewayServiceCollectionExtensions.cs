using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using ProcOrleans.Gateway.Dashboard;
using ProcOrleans.Gateway.Errors;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Observability;
using ProcOrleans.Gateway.OpenApi;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.References;
using ProcOrleans.Silo.Hosting;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Gateway.Hosting;

/// <summary>The composition root of a node: the ESB gateway, by default co-hosting a silo.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The gateway's services, and where its grains live: a silo in this process (<c>Node:Role=Combined</c>),
    /// a cluster of silo-only hosts it joins as an Orleans client (<c>Node:Role=Gateway</c>), or, when
    /// <paramref name="grains"/> is given, whatever cluster that factory reaches (a test cluster's silo).
    /// </summary>
    public static WebApplicationBuilder AddProcOrleans(this WebApplicationBuilder builder, IGrainFactory? grains = null)
    {
        var services = builder.Services;

        services.AddOptions<EsbOptions>().BindConfiguration(EsbOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EsbOptions>, EsbOptionsValidator>();

        // The body limit is enforced by EsbRequest with an envelope answer, after reading and dropping an
        // oversized body up to the drain limit; Kestrel's own limit is only a backstop above both.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<EsbOptions>>((kestrel, esb) =>
            kestrel.Limits.MaxRequestBodySize = (long)Math.Max(esb.Value.MaxBodyBytes, esb.Value.DrainBodyBytes) + 1);

        services.AddProcOrleansShared();
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.SectionName)
            .Validate(o => o.Role is NodeOptions.Combined or NodeOptions.Gateway,
                $"Node:Role must be {NodeOptions.Combined} or {NodeOptions.Gateway}.")
            .ValidateOnStart();
        services.AddOptions<DashboardSettings>().BindConfiguration(DashboardSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardSettings>, DashboardSettingsValidator>();
        services.AddSingleton<AppAuthenticator>();
        services.AddSingleton<PermissionChecker>();
        services.AddSingleton<ServiceGrains>();

        var role = builder.Configuration.GetSection(NodeOptions.SectionName)[nameof(NodeOptions.Role)] ?? NodeOptions.Combined;
        if (grains is not null)
        {
            services.AddSingleton(grains);
        }
        else if (role == NodeOptions.Gateway)
        {
            builder.UseOrleansClient(client => client.AddProcOrleans(builder.Configuration));
        }
        else
        {
            // Storage first: its start-up applies the migrations that create Orleans' own tables.
            services.AddProcOrleansStorage(builder.Configuration);
            var dashboard = (builder.Configuration.GetSection(DashboardSettings.SectionName).Get<DashboardSettings>() ?? new())
                .IsEnabled(builder.Environment);
            builder.UseOrleans(silo =>
            {
                silo.AddProcOrleans(builder.Configuration);
                if (dashboard)
                {
                    silo.AddDashboard();
                    services.AddSingleton<DashboardApi.DashboardHosted>();
                }
            });
        }

        services.AddGatewayTelemetry(builder.Configuration);

        services.AddOpenApi(options => options.AddOperationTransformer<EsbOperationTransformer>());

        services.AddExceptionHandler<EnvelopeExceptionHandler>();
        services.AddProblemDetails();
        return builder;
    }
}
