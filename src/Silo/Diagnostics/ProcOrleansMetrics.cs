using System.Diagnostics.Metrics;

namespace ProcOrleans.Silo.Diagnostics;

/// <summary>
/// The service's instruments, on meter <c>ProcOrleans</c> (readable with
/// <c>dotnet-counters monitor --counters ProcOrleans -n ProcOrleans.Gateway</c>, exported at <c>/metrics</c>).
/// </summary>
public sealed class ProcOrleansMetrics
{
    public const string MeterName = "ProcOrleans";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<int> _groupSize;

    public ProcOrleansMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>("procorleans.requests", "{request}", "API calls answered, by api and code");
        _requestDuration = Meter.CreateHistogram<double>("procorleans.request.duration", "ms", "Time to answer an API call, by api");
        _commitDuration = Meter.CreateHistogram<double>("procorleans.storage.commit.duration", "ms", "Time to make a write durable, by provider");
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
