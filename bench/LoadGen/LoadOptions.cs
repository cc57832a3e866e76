using System.Globalization;

namespace ProcOrleans.Bench.LoadGen;

/// <summary>Command-line settings of a run: <c>--name value</c> pairs.</summary>
internal sealed record LoadOptions
{
    public required string Scenario { get; init; }
    public Uri Url { get; init; } = new("http://127.0.0.1:5080/");
    /// <summary>
    /// Nodes of one cluster to spread the measured connections over, worker by worker in turn, so no one
    /// node's Kestrel is the limit; set-up calls go to the first, which is also <see cref="Url"/>. Empty:
    /// every worker on <see cref="Url"/>.
    /// </summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [];
    /// <summary>When set, the run also measures the ceiling host there and prints the ratio.</summary>
    public Uri? CeilingUrl { get; init; }
    public int Concurrency { get; init; } = 64;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public int Instances { get; init; } = 1000;
    public long FirstInstanceId { get; init; } = 1;
    public long Biz { get; init; } = 1;
    public bool Setup { get; init; } = true;
    /// <summary>Requests per second to hold (0: as fast as possible); for latency at a fixed load.</summary>
    public int Rate { get; init; }
    public string AppCode { get; init; } = "procorleans-dev";
    public string AppSecret { get; init; } = "dev-secret-change-me";

    /// <summary>The node worker <paramref name="worker"/> keeps its connection to.</summary>
    public Uri WorkerUrl(int worker) => Urls.Count == 0 ? Url : Urls[worker % Urls.Count];

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;
        Uri[] urls = values.TryGetValue("urls", out var list)
            ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(url => new Uri(url))]
            : [];
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new LoadOptions
        {
            Scenario = Get("scenario", "list-warm"),
            Url = urls.Length > 0 ? urls[0] : new Uri(Get("url", "http://127.0.0.1:5080/")),
            Urls = urls,
            CeilingUrl = values.TryGetValue("ceiling-url", out var ceiling) ? new Uri(ceiling) : null,
            Concurrency = Int("concurrency", 64),
            Warmup = TimeSpan.FromSeconds(Int("warmup", 5)),
            Duration = TimeSpan.FromSeconds(Int("duration", 20)),
            Instances = Int("instances", 1000),
            FirstInstanceId = long.Parse(Get("first-instance", "1"), CultureInfo.InvariantCulture),
            Biz = long.Parse(Get("biz", "1"), CultureInfo.InvariantCulture),
            Setup = bool.Parse(Get("setup", "true")),
            Rate = Int("rate", 0),
            AppCode = Get("app", "procorleans-dev"),
            AppSecret = Get("secret", "dev-secret-change-me"),
        };
    }
}
