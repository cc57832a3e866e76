using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using ProcOrleans.Bench.Stateless.ProcessInstances;
using ProcOrleans.Bench.Stateless.ServiceInstances;
using ProcOrleans.Bench.Stateless.Storage;
using ProcOrleans.Gateway.Errors;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Hosting;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Bench.Stateless.Hosting;

/// <summary>
/// The service a user would run instead of a cluster of nodes: ASP.NET Core and Npgsql over the same
/// PostgreSQL tables, one transaction per request, nothing kept between requests. It shares the node's ESB
/// front door (envelope, app check, limits, permissions, request log) and its parsing, validation and JSON
/// writing, so that the two answer byte for byte alike and differ only in how they reach the data.
///   dotnet ProcOrleans.Bench.Stateless.dll --urls http://127.0.0.1:5181
/// with <c>ConnectionStrings:ProcOrleans</c> naming a PostgreSQL database (its migrations are applied at start).
/// </summary>
public static class StatelessHost
{
    public static async Task Main(string[] args) => await Create(args).RunAsync();

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // PostgreSQL is the only store this service knows; the node's storage code applies the migrations.
        builder.Configuration.AddInMemoryCollection([new($"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}", StorageProviders.Postgres)]);
        AddServices(builder);
        var app = builder.Build();
        UseStateless(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EsbOptions>().BindConfiguration(EsbOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EsbOptions>, EsbOptionsValidator>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<EsbOptions>>((kestrel, esb) =>
            kestrel.Limits.MaxRequestBodySize = (long)esb.Value.MaxBodyBytes + 1);
        services.AddSingleton<AppAuthenticator>();
        services.AddSingleton<PermissionChecker>();

        // Migrations first (a hosted service of the node's storage), then this service's id sequences.
        services.AddProcOrleansStorage(builder.Configuration);
        services.AddSingleton<StatelessDatabase>();
        services.AddHostedService<IdSequenceSetup>();
        services.AddSingleton<ProcessListQuery>();
        services.AddSingleton<ProcessCreation>();
        services.AddSingleton<ServiceInstanceCreation>();

        services.AddExceptionHandler<EnvelopeExceptionHandler>();
        services.AddProblemDetails();
    }

    /// <summary>The node's middleware order, so that errors and unknown routes answer the same envelope.</summary>
    private static void UseStateless(WebApplication app)
    {
        app.UseMiddleware<EsbRequestLog>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = context => context.Exception is CmdbException or Microsoft.AspNetCore.Http.BadHttpRequestException,
        });
        app.UseRouting();
        app.Use(EsbRequestLog.RememberEndpointAsync);
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            await EnvelopeResult.Error(
                    ErrorCodes.ParamMissing,
                    ErrorMessages.Format(ErrorCodes.ParamMissing, http.Request.Headers[EsbHeaders.Language].ToString(), ["api"]),
                    statusCode: http.Response.StatusCode)
                .ExecuteAsync(http);
        });

        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (IStorageHealth storage, CancellationToken cancellationToken) =>
            Readiness.AnswerAsync(storage.IsReadyAsync, cancellationToken));
        app.MapStatelessProcessInstanceApi();
        app.MapStatelessServiceInstanceApi();
    }
}
