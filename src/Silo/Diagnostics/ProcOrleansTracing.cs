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

    /// <summary>
    /// A span around one group commit of several callers' commits (their contexts in
    /// <paramref name="members"/>): a child of the first, so a lone commit's trace reaches its SQL, and
    /// linked to the others, whose traces it also carries out.
    /// </summary>
    public static Activity? StartGroup(string provider, IReadOnlyList<ActivityContext> members)
    {
        if (members.Count == 0 || !Source.HasListeners())
        {
            return null;
        }

        var links = members.Skip(1).Where(member => member != default).Select(member => new ActivityLink(member));
        var activity = Source.StartActivity("storage group commit", ActivityKind.Internal, members[0], links: links);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", provider == Storage.StorageProviders.Postgres ? "postgresql" : "sqlite");
            activity.SetTag("procorleans.group.size", members.Count);
        }

        return activity;
    }
}
