using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ProcOrleans.Bench.LoadGen;

// A closed-loop load generator: a fixed number of workers, each on its own keep-alive connection, a
// warm-up, then a measured run; prints throughput and latency percentiles, and counts every answer whose
// code is not 0. Set-up calls go through HttpClient; measured calls through RawHttpConnection, which costs
// the shared machine far less CPU per request.
var options = LoadOptions.Parse(args);
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Concurrency,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    EnableMultipleHttp2Connections = false,
};
using var http = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestVersion = HttpVersion.Version11;

var scenario = new Scenario(options, http);
Console.Error.WriteLine($"setting up {options.Scenario}...");
var setup = Stopwatch.StartNew();
await scenario.SetUpAsync();
Console.Error.WriteLine($"set up in {setup.Elapsed.TotalSeconds:F1}s; warming up {options.Warmup.TotalSeconds:F0}s");

var (measured, errors) = await MeasureAsync(scenario, options);
if (options.CeilingUrl is { } ceilingUrl)
{
    // The ceiling of the same run: the same workers, the same load, against the no-logic endpoint.
    var ceilingOptions = options with { Scenario = "ceiling", Url = ceilingUrl, Urls = [] };
    var (ceiling, ceilingErrors) = await MeasureAsync(new Scenario(ceilingOptions, http), ceilingOptions);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio_to_ceiling={measured / ceiling:F2}"));
    errors += ceilingErrors;
}

return errors == 0 ? 0 : 1;

// Warms up, measures, prints one line; answers the throughput and the error count.
async Task<(double Rps, long Errors)> MeasureAsync(Scenario scenario, LoadOptions options)
{
    await RunAsync(scenario, options, options.Warmup);
    var (elapsed, recorders, lag) = await RunAsync(scenario, options, options.Duration);
    var (count, p50, p90, p99, max) = LatencyRecorder.Summarise(recorders);
    var (_, _, _, lagP99, _) = LatencyRecorder.Summarise([lag]);
    var errors = recorders.Sum(r => r.Errors);
    var rps = count / elapsed.TotalSeconds;
    var codes = recorders.SelectMany(r => r.Codes).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"scenario={options.Scenario} nodes={Math.Max(1, options.Urls.Count)} concurrency={options.Concurrency} rate={(options.Rate == 0 ? "max" : options.Rate.ToString(CultureInfo.InvariantCulture))} " +
        $"requests={count} errors={errors} rps={rps:F0} p50_ms={p50:F2} p90_ms={p90:F2} p99_ms={p99:F2} max_ms={max:F1} " +
        $"codes={string.Join(',', codes.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value}"))}") +
        (options.Rate > 0 ? string.Create(CultureInfo.InvariantCulture, $" pacer_lag_p99_ms={lagP99:F2}") : ""));
    return (rps, errors);
}

static async Task<(TimeSpan Elapsed, LatencyRecorder[] Recorders, LatencyRecorder Lag)> RunAsync(Scenario scenario, LoadOptions options, TimeSpan duration)
{
    var recorders = Enumerable.Range(0, options.Concurrency).Select(_ => new LatencyRecorder()).ToArray();
    var lag = new LatencyRecorder();
    var started = Stopwatch.GetTimestamp();
    var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var pacer = options.Rate > 0 ? new Pacer(options.Rate, end) : null;
    await Task.WhenAll(recorders.Select(async (recorder, worker) =>
    {
        // The prepared requests name the first node in their Host header; the nodes accept any host.
        using var connection = new RawHttpConnection(options.WorkerUrl(worker));
        while (true)
        {
            long scheduled;
            if (pacer is null)
            {
                scheduled = Stopwatch.GetTimestamp();
                if (scheduled >= end)
                {
                    break;
                }
            }
            else
            {
                // ReadAsync wakes one worker per start; waiting to read would wake them all for each.
                try
                {
                    scheduled = await pacer.Starts.ReadAsync();
                }
                catch (System.Threading.Channels.ChannelClosedException)
                {
                    break;
                }

                lock (lag)
                {
                    lag.Record(Micros(Stopwatch.GetTimestamp() - scheduled), 0);
                }
            }

            try
            {
                var code = await connection.SendAsync(scenario.NextRequest());
                recorder.Record(Micros(Stopwatch.GetTimestamp() - scheduled), code);
            }
            catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or FormatException)
            {
                recorder.Failed();
            }
        }
    }));
    return (Stopwatch.GetElapsedTime(started), recorders, lag);
}

static long Micros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;

/// <summary>What each scenario sends, and the data it needs first.</summary>
internal sealed class Scenario(LoadOptions options, HttpClient http)
{
    private const string EsbPrefix = "api/c/compapi/v2/cc/";
    private long[] _instances = [];
    private byte[][] _listRequests = [];
    private long _next;
    private long _serial;

    public async Task SetUpAsync()
    {
        switch (options.Scenario)
        {
            case "list-warm":
                _instances = options.Setup ? await CreateInstancesAsync(options.Instances, processesEach: 10) : Range();
                foreach (var id in _instances)
                {
                    await PostAsync("list_process_instance", ListBody(id));
                }

                _listRequests = [.. _instances.Select(id => Request("list_process_instance", ListBody(id)))];
                break;
            case "list-cold":
                // Ids of a stored data set (bench/DataGen) that nothing has touched since the node started.
                _instances = Range();
                break;
            case "create-single":
                _instances = await CreateInstancesAsync(options.Instances, processesEach: 0);
                break;
            case "create-batch":
                _instances = await CreateInstancesAsync(options.Instances, processesEach: 0);
                break;
            case "ceiling":
                break;
            default:
                throw new ArgumentException($"Unknown scenario {options.Scenario}.");
        }
    }

    /// <summary>The bytes of the next measured request.</summary>
    public byte[] NextRequest()
    {
        switch (options.Scenario)
        {
            case "list-warm":
                return _listRequests[Random.Shared.Next(_listRequests.Length)];
            case "list-cold":
            {
                var index = Interlocked.Increment(ref _next) - 1;
                if (index >= _instances.Length)
                {
                    throw new InvalidOperationException("Ran out of cold instances: give a larger --instances range.");
                }

                return Request("list_process_instance", ListBody(_instances[index]));
            }

            case "create-single":
            {
                var serial = Interlocked.Increment(ref _serial);
                var instance = _instances[Random.Shared.Next(_instances.Length)];
                return Request("create_process_instance", CreateBody(instance, [$"s{serial}"]));
            }

            case "create-batch":
            {
                // Unique names per request, so instances can take many batches and the pool never runs dry.
                var serial = Interlocked.Increment(ref _serial);
                var instance = _instances[Random.Shared.Next(_instances.Length)];
                return Request("create_process_instance", CreateBody(instance, Enumerable.Range(0, 100).Select(i => $"b{serial}-{i}").ToArray()));
            }

            default:
                return _ceilingRequest ??= RawHttpConnection.Post(options.Url, "list", ListBody(1));
        }
    }

    private byte[]? _ceilingRequest;

    private byte[] Request(string api, byte[] body) => RawHttpConnection.Post(options.Url, EsbPrefix + api + "/", body);

    private long[] Range() => Enumerable.Range(0, options.Instances).Select(i => options.FirstInstanceId + i).ToArray();

    private async Task<long[]> CreateInstancesAsync(int count, int processesEach)
    {
        var ids = new List<long>(count);
        while (ids.Count < count)
        {
            var batch = Math.Min(100, count - ids.Count);
            var instances = string.Join(',', Enumerable.Range(0, batch).Select(i =>
                $$"""{"bk_host_id": {{i + 1}}, "processes": [{{string.Join(',', Enumerable.Range(0, processesEach).Select(p => ProcessInfo($"p{p}")))}}]}"""));
            var body = Body($"\"bk_biz_id\": {options.Biz}, \"bk_module_id\": 1, \"instances\": [{instances}]");
            using var response = await http.PostAsync(EsbPrefix + "create_service_instance/", new ByteArrayContent(body));
            var text = await response.Content.ReadAsStringAsync();
            if (!text.Contains("\"data\":[", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Setting up failed: {text} for {Encoding.UTF8.GetString(body)[..Math.Min(400, body.Length)]}");
            }

            var data = text[(text.IndexOf("\"data\":[", StringComparison.Ordinal) + 8)..text.LastIndexOf(']')];
            ids.AddRange(data.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)));
        }

        return [.. ids];
    }

    private static string ProcessInfo(string name) =>
        $$$"""{"process_info": {"bk_process_name": "{{{name}}}", "bk_func_name": "{{{name}}}", "work_path": "/data/app", "start_cmd": "./start.sh", "timeout": 30, "proc_num": 1, "priority": 1, "bind_info": [{"enable": true, "ip": "127.0.0.1", "port": "8080", "protocol": "1"}]}}""";

    private byte[] ListBody(long instance) => Body($"\"bk_biz_id\": {options.Biz}, \"service_instance_id\": {instance}");

    private byte[] CreateBody(long instance, string[] names) =>
        Body($"\"bk_biz_id\": {options.Biz}, \"service_instance_id\": {instance}, \"processes\": [{string.Join(',', names.Select(ProcessInfo))}]");

    private byte[] Body(string fields) =>
        Encoding.UTF8.GetBytes($$"""{"bk_app_code": "{{options.AppCode}}", "bk_app_secret": "{{options.AppSecret}}", "bk_username": "bench", {{fields}}}""");

    private async Task<int> PostAsync(string api, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(EsbPrefix + api + "/", content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return RawHttpConnection.EnvelopeCode(bytes);
    }
}
