using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using ProcOrleans.Silo.Diagnostics;

namespace ProcOrleans.Gateway.Observability;

/// <summary>
/// Listens to the <c>ProcOrleans</c> meter and renders it in the Prometheus text exposition format:
/// counters as <c>_total</c>, histograms as <c>_bucket{le}</c>/<c>_sum</c>/<c>_count</c>, gauges as read at
/// scrape time.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] MillisecondBuckets = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, Series>> _series = new();

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ProcOrleansMetrics.MeterName)
            {
                _series.TryAdd(instrument, new ConcurrentDictionary<string, Series>());
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The current values, in the text format (version 0.0.4).</summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (instrument, series) in _series.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
        {
            var (name, type) = instrument switch
            {
                Counter<long> => (MetricName(instrument) + "_total", "counter"),
                Histogram<double> => (MetricName(instrument), "histogram"),
                _ => (MetricName(instrument), "gauge"),
            };
            text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var (labels, value) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                value.Append(text, name, labels, type == "histogram" ? MillisecondBuckets : null);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_series.TryGetValue(instrument, out var series))
        {
            return;
        }

        var labels = Labels(tags);
        var isHistogram = instrument is Histogram<double>;
        var isGauge = instrument is ObservableGauge<int> or ObservableGauge<long> or ObservableGauge<double>;
        series.GetOrAdd(labels, static (_, histogram) => new Series(histogram ? MillisecondBuckets.Length : 0), isHistogram)
            .Add(value, isGauge);
    }

    private static string MetricName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        return instrument.Unit == "ms" ? name + "_ms" : name;
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            pairs.Add($"{key}=\"{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    /// <summary>One labelled series: a sum and count, plus bucket counts for a histogram.</summary>
    private sealed class Series(int buckets)
    {
        private readonly long[] _buckets = new long[buckets];
        private readonly Lock _gate = new();
        private double _sum;
        private long _count;

        public void Add(double value, bool replace)
        {
            lock (_gate)
            {
                _sum = replace ? value : _sum + value;
                _count++;
                for (var i = 0; i < _buckets.Length; i++)
                {
                    if (value <= MillisecondBuckets[i])
                    {
                        _buckets[i]++;
                    }
                }
            }
        }

        public void Append(StringBuilder text, string name, string labels, double[]? bounds)
        {
            lock (_gate)
            {
                if (bounds is null)
                {
                    text.Append(name).Append(Braces(labels)).Append(' ').Append(Number(_sum)).Append('\n');
                    return;
                }

                var separator = labels.Length == 0 ? "" : ",";
                for (var i = 0; i < bounds.Length; i++)
                {
                    text.Append(name).Append("_bucket{").Append(labels).Append(separator).Append("le=\"")
                        .Append(Number(bounds[i])).Append("\"} ").Append(_buckets[i]).Append('\n');
                }

                text.Append(name).Append("_bucket{").Append(labels).Append(separator).Append("le=\"+Inf\"} ").Append(_count).Append('\n');
                text.Append(name).Append("_sum").Append(Braces(labels)).Append(' ').Append(Number(_sum)).Append('\n');
                text.Append(name).Append("_count").Append(Braces(labels)).Append(' ').Append(_count).Append('\n');
            }
        }

        private static string Braces(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
