using System.Diagnostics;
using System.Security.Cryptography;
using ProcOrleans.Silo.Diagnostics;

namespace ProcOrleans.Gateway.Esb;

/// <summary>
/// Gives every request its <c>request_id</c> (the caller's <c>X-Request-Id</c> when sane, else 32 hex
/// chars), echoes it as a header, and writes one log line per API call: request id, app, user, api, code,
/// duration and trace id. Never the body, so never a secret.
/// </summary>
public sealed partial class EsbRequestLog(RequestDelegate next, ILogger<EsbRequestLog> logger, ProcOrleansMetrics metrics)
{
    private const string RequestIdKey = "esb.request_id";
    private const string CallerKey = "esb.caller";
    private const string CodeKey = "esb.code";
    private const string ApiKey = "esb.api";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = AcceptedRequestId(context.Request.Headers[EsbHeaders.RequestId].ToString()) ?? NewRequestId();
        context.Items[RequestIdKey] = requestId;
        // Set as the headers go out: the exception handler clears headers set earlier.
        context.Response.OnStarting(static state =>
        {
            var (response, id) = ((HttpResponse, string))state;
            response.Headers[EsbHeaders.RequestId] = id;
            return Task.CompletedTask;
        }, (context.Response, requestId));

        await next(context);

        if (context.Items.TryGetValue(CodeKey, out var code))
        {
            var caller = context.Items.TryGetValue(CallerKey, out var value) ? (EsbCaller)value! : null;
            var api = Api(context);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // Only known APIs become label values: arbitrary paths must not grow the metric's series.
            metrics.RequestAnswered(context.Items.ContainsKey(ApiKey) ? api : "unknown", (int)code!, elapsed);
            LogRequest(logger, requestId, caller?.AppCode ?? "", caller?.User ?? "", api, (int)code!, elapsed, TraceId());
        }
    }

    /// <summary>The request id of the current request.</summary>
    public static string RequestId(HttpContext context) =>
        context.Items.TryGetValue(RequestIdKey, out var id) ? (string)id! : NewRequestId();

    /// <summary>
    /// Remembers, once routing has chosen the endpoint, which API this is and which envelope it speaks: the
    /// exception handler runs with routing reset, and must still log the API and answer in the caller's style.
    /// </summary>
    public static Task RememberEndpointAsync(HttpContext context, Func<Task> next)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<EsbApi>() is { } api)
        {
            context.Items[ApiKey] = api.Name;
        }

        if (metadata?.GetMetadata<Native.NativeEnvelope>() is not null)
        {
            Native.NativeEnvelope.Mark(context);
        }

        return next();
    }

    /// <summary>The API of the current request, or the last path segment when no API matched.</summary>
    public static string Api(HttpContext context) =>
        context.Items.TryGetValue(ApiKey, out var api) ? (string)api! : ApiName(context.Request.Path);

    /// <summary>Records who called, for the log line.</summary>
    public static void SetCaller(HttpContext context, EsbCaller caller) => context.Items[CallerKey] = caller;

    /// <summary>Records the answered code, for the log line.</summary>
    public static void SetCode(HttpContext context, int code) => context.Items[CodeKey] = code;

    // The request's trace, as a collector shows it; empty when the request is not traced.
    private static string TraceId() => Activity.Current?.TraceId.ToHexString() ?? "";

    private static string NewRequestId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    // A caller's id is echoed into headers, logs and JSON: accept only short, plain tokens.
    private static string? AcceptedRequestId(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? value
            : null;

    private static string ApiName(PathString path)
    {
        var text = path.Value ?? "";
        var trimmed = text.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "request_id={RequestId} app={AppCode} user={User} api={Api} code={Code} duration_ms={DurationMs} trace_id={TraceId}")]
    private static partial void LogRequest(ILogger logger, string requestId, string appCode, string user, string api, int code, double durationMs, string traceId);
}
