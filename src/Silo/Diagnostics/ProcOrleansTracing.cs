using System.Diagnostics;

namespace ProcOrleans.Silo.Diagnostics;

/// <summary>
/// The service's own spans, on activity source <c>ProcOrleans</c>: a storage commit, so that a trace shows
/// where a write became durable on either provider (SQLite has no client spans of its own).
/// </summary>
public static class ProcOrleansTracing
{
    public const string SourceName = "ProcOrleans";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span around one durable commit of <paramref name="changes"/> service instances; null when nobody listens.</summary>
    public static Activity? StartCommit(string provider, int changes)
    {
        var activity = Source.StartActivity("storage commit", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", provider == Storage.StorageProviders.Postgres ? "postgresql" : "sqlite");
            activity.SetTag("procorleans.changes", changes);
        }

        return activity;
    }
}
