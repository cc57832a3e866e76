using ProcOrleans.Gateway.Dashboard;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Health;
using ProcOrleans.Gateway.Home;
using ProcOrleans.Gateway.Native;
using ProcOrleans.Gateway.Observability;
using ProcOrleans.Gateway.OpenApi;
using ProcOrleans.Gateway.ProcessInstances;
using ProcOrleans.Gateway.ServiceCategories;
using ProcOrleans.Gateway.ServiceTemplates;
using ProcOrleans.Gateway.ServiceInstances;
using ProcOrleans.Gateway.WebConsole;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Gateway.Hosting;

/// <summary>Builds a node: the silo and the gateway in one web application. Used by Program and by test clusters.</summary>
public static class GatewayApp
{
    /// <summary>
    /// A node configured from <paramref name="args"/> and the usual sources; <paramref name="configure"/> may
    /// add settings or services before it is built.
    /// </summary>
    /// <param name="grains">The grains to call instead of a silo of the node's own (a test cluster's).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null, IGrainFactory? grains = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddProcOrleans(grains);

        var app = builder.Build();
        app.UseProcOrleans();
        return app;
    }

    /// <summary>The middleware and endpoints of a node.</summary>
    public static WebApplication UseProcOrleans(this WebApplication app)
    {
        app.UseMiddleware<EsbRequestLog>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Domain errors are answers, not failures: keep them out of the error log.
            SuppressDiagnosticsCallback = context => context.Exception is CmdbException or BadHttpRequestException,
        });
        // The console is static files; its branch ends before routing, so its 404s stay plain.
        app.MapConsole();
        // Routing after the handlers above, so that its failures get the envelope too.
        app.UseRouting();
        app.Use(EsbRequestLog.RememberEndpointAsync);
        app.UseStatusCodePages(async context =>
        {
            // Unknown routes and wrong methods still answer the envelope.
            var http = context.HttpContext;
            await EnvelopeResult.Error(
                    ErrorCodes.ParamMissing,
                    ErrorMessages.Format(
                        ErrorCodes.ParamMissing, http.Request.Headers[EsbHeaders.Language].ToString(), ["api"]),
                    statusCode: http.Response.StatusCode)
                .ExecuteAsync(http);
        });

        app.MapHomeApi();
        app.MapHealthApi();
        app.MapObservabilityApi();
        app.MapApiReferenceApi();
        app.MapDashboardApi();
        app.MapProcessInstanceApi();
        app.MapServiceInstanceApi();
        app.MapServiceCategoryApi();
        app.MapServiceTemplateApi();
        app.MapLabelApi();
        app.MapNativeApi();
        return app;
    }
}
