using System.Diagnostics.Metrics;

namespace ProcOrleans.Silo.Diagnostics;

/// <summary>
/// The service's instruments, on meter <c>ProcOrleans</c> (readable with
/// <c>dotnet-counters monitor --counters ProcOrleans -n ProcOrleans.Gateway</c>, exported at <c>/metrics</c>).
/// </summary>
public sealed class ProcOrleansMetrics
{
    public const string MeterName = "ProcOrleans";

    /// <summary>The histograms in milliseconds, whose scrape names end in <c>_ms</c>.</summary>
    public static readonly string[] MillisecondHistograms = ["procorleans.request.duration", "procorleans.storage.commit.duration"];

    // Milliseconds from a cached read to a call timeout; the explicit buckets a scraper has always seen.
    private static readonly InstrumentAdvice<double> MillisecondBuckets = new()
    {
        HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000],
    };

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<int> _groupSize;

    public ProcOrleansMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>("procorleans.requests", "{request}", "API calls answered, by api and code");
        _requestDuration = Meter.CreateHistogram<double>(MillisecondHistograms[0], "ms", "Time to answer an API call, by api", tags: null, MillisecondBuckets);
        _commitDuration = Meter.CreateHistogram<double>(MillisecondHistograms[1], "ms", "Time to make a write durable, by provider", tags: null, MillisecondBuckets);
        _conflicts = Meter.CreateCounter<long>("procorleans.storage.conflicts", "{conflict}", "Writes refused because another writer changed the instance first");
        _groupSize = Meter.CreateHistogram<int>("procorleans.storage.group.size", "{commit}", "Commits that shared one database transaction (group commit), by provider");
    }

    public Meter Meter { get; }

    public void RequestAnswered(string api, int code, double milliseconds)
    {
        var apiTag = new KeyValuePair<string, object?>("api", api);
        _requests.Add(1, apiTag, new KeyValuePair<string, object?>("code", code));
        _requestDuration.Record(milliseconds, apiTag);
    }

    public void CommitDone(string provider, double milliseconds) =>
        _commitDuration.Record(milliseconds, new KeyValuePair<string, object?>("provider", provider));

    public void GroupCommitted(string provider, int commits) =>
        _groupSize.Record(commits, new KeyValuePair<string, object?>("provider", provider));

    public void ConflictSeen(string provider) => _conflicts.Add(1, new KeyValuePair<string, object?>("provider", provider));

    /// <summary>Publishes a gauge read when collected (e.g. live activations).</summary>
    public void ObserveGauge(string name, string unit, string description, Func<int> read) =>
        Meter.CreateObservableGauge(name, read, unit, description);
}
