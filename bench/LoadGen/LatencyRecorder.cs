namespace ProcOrleans.Bench.LoadGen;

/// <summary>Latencies of one worker, in microseconds; merged and sorted once at the end.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> _micros = new(1 << 16);

    public long Errors { get; private set; }

    public Dictionary<int, long> Codes { get; } = [];

    public void Record(long micros, int code)
    {
        _micros.Add(micros);
        Codes[code] = Codes.GetValueOrDefault(code) + 1;
        if (code != 0)
        {
            Errors++;
        }
    }

    public void Failed() => Errors++;

    public static (long Count, double P50, double P90, double P99, double Max) Summarise(IEnumerable<LatencyRecorder> recorders)
    {
        var all = recorders.SelectMany(r => r._micros).ToArray();
        Array.Sort(all);
        if (all.Length == 0)
        {
            return (0, 0, 0, 0, 0);
        }

        double At(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))] / 1000.0;
        return (all.Length, At(0.50), At(0.90), At(0.99), all[^1] / 1000.0);
    }
}
