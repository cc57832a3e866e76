using System.Text;
using ProcOrleans.Silo.Diagnostics;

namespace ProcOrleans.Gateway.Observability;

/// <summary>
/// Keeps the scrape names the service's millisecond histograms have always had
/// (<c>procorleans_request_duration_ms</c>, <c>procorleans_storage_commit_duration_ms</c>), so that existing
/// dashboards and alerts keep working: the OpenTelemetry exporter spells the unit <c>ms</c> as
/// <c>_milliseconds</c> and offers no per-instrument choice. Every other name is the exporter's own.
/// </summary>
internal static class LegacyMetricNames
{
    private static readonly (string Exported, string Legacy)[] Renames = ProcOrleansMetrics.MillisecondHistograms
        .Select(name => (name.Replace('.', '_') + "_milliseconds", name.Replace('.', '_') + "_ms"))
        .ToArray();

    /// <summary>Runs in the scrape endpoint's branch: buffers the exporter's answer and renames those families.</summary>
    public static void Use(IApplicationBuilder branch) => branch.Use(async (context, next) =>
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var text = Rename(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, context.RequestAborted);
    });

    internal static string Rename(string exposition)
    {
        var text = new StringBuilder(exposition);
        foreach (var (exported, legacy) in Renames)
        {
            // OpenMetrics' UNIT line must name a family that ends in the unit; the legacy names never had one.
            text.Replace($"# UNIT {exported} milliseconds\n", "");
            text.Replace(exported, legacy);
        }

        return text.ToString();
    }
}
