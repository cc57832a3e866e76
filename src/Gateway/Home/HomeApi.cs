using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Options;
using ProcOrleans.Gateway.Dashboard;

namespace ProcOrleans.Gateway.Home;

/// <summary><c>GET /</c>: a page for a person who opened the node in a browser: what this is, its version, where to go.</summary>
public static class HomeApi
{
    public const string Name = "ProcOrleans";

    /// <summary>The informational version of the build, e.g. <c>1.0.0+3f2a...</c>.</summary>
    public static readonly string Version =
        typeof(HomeApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HomeApi).Assembly.GetName().Version?.ToString() ?? "unknown";

    public static IEndpointRouteBuilder MapHomeApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", Page).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Page(IOptions<DashboardSettings> dashboard, IWebHostEnvironment environment)
    {
        var links = new List<(string Href, string Text)>
        {
            ("/console", "web console: browse and edit service instances and their processes"),
            ("/docs", "API reference: every ESB and native route, with examples to try"),
            ("/openapi/v1.json", "OpenAPI document"),
            ("/healthz", "health: the process is up"),
            ("/readyz", "readiness: storage answers and is migrated"),
            ("/metrics", "metrics in the Prometheus text format"),
        };
        if (dashboard.Value.IsEnabled(environment))
        {
            links.Insert(1, ("/dashboard/", "Orleans dashboard: silos, grains, calls"));
        }

        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Name).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;line-height:1.5}")
            .Append("code{background:#f2f2f2;padding:0 .25rem}li{margin:.25rem 0}</style></head><body>")
            .Append("<h1>").Append(Name).Append("</h1>")
            .Append("<p>BlueKing CMDB process instances on Microsoft Orleans: the CMDB ESB API under ")
            .Append("<code>POST /api/c/compapi/v2/cc/&lt;api&gt;/</code> and the native routes under <code>/api/v3/</code>.</p>")
            .Append("<p>Version <code>").Append(WebUtility.HtmlEncode(Version)).Append("</code>, environment <code>")
            .Append(WebUtility.HtmlEncode(environment.EnvironmentName)).Append("</code>.</p><ul>");
        foreach (var (href, text) in links)
        {
            html.Append("<li><a href=\"").Append(href).Append("\">").Append(href).Append("</a> ").Append(WebUtility.HtmlEncode(text)).Append("</li>");
        }

        html.Append("</ul></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
