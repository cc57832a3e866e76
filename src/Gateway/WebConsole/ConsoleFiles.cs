using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ProcOrleans.Gateway.WebConsole;

/// <summary>
/// Serves the web console (<c>WebConsole/web</c>, copied next to the assembly as <c>console/</c>) at
/// <c>/console</c>. It is static: every action of it is an ESB call from the browser, so it needs no
/// endpoint of its own and gets exactly the API's authentication, permissions and limits.
/// </summary>
public static partial class ConsoleFiles
{
    public const string Path = "/console";

    // Everything comes from this origin: no CDN, no inline script, no framing by another site.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>The folder the console's files are read from.</summary>
    public static string Root => System.IO.Path.Combine(AppContext.BaseDirectory, "console");

    /// <summary>Adds the console's branch: <c>/console</c> redirects to <c>/console/</c>, which serves index.html.</summary>
    public static IApplicationBuilder MapConsole(this IApplicationBuilder app)
    {
        if (!Directory.Exists(Root))
        {
            // A deployment without the files still serves the API; /console then answers 404.
            LogMissing(app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleFiles)), Root);
            return app;
        }

        var files = new PhysicalFileProvider(Root);
        return app.Map(Path, console =>
        {
            console.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            console.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                    headers[HeaderNames.XContentTypeOptions] = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    // Revalidate every time (cheap with the ETag), so a new build is picked up at once.
                    headers[HeaderNames.CacheControl] = "no-cache";
                },
            });
        });
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "The web console's files are not at {Root}; /console is not served")]
    private static partial void LogMissing(ILogger logger, string root);
}
