using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProcOrleans.Gateway.Native;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Gateway.Esb;

/// <summary>
/// A parsed and authenticated ESB request: its JSON body and its caller. Bound as a handler parameter, so
/// every endpoint gets the same size limit, JSON check (1199000) and app authentication (9900401).
/// </summary>
public sealed class EsbRequest
{
    private EsbRequest(EsbBody body, EsbCaller caller, EsbLimits limits)
    {
        Body = body;
        Caller = caller;
        Limits = limits;
    }

    public EsbBody Body { get; }

    public EsbCaller Caller { get; }

    /// <summary>The configured request limits.</summary>
    public EsbLimits Limits { get; }

    /// <summary>Minimal API binding hook.</summary>
    public static async ValueTask<EsbRequest?> BindAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<EsbOptions>>().Value;
        var bytes = await ReadBodyAsync(context, options, context.RequestAborted);

        var native = NativeEnvelope.IsNative(context);
        if (native && bytes.Length == 0)
        {
            // A native GET carries its parameters in the path alone.
            bytes = "{}"u8.ToArray();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth });
            if (native && document.RootElement.ValueKind == JsonValueKind.Object && context.Request.RouteValues.Count > 0)
            {
                document = WithRouteValues(document, context.Request.RouteValues);
            }
        }
        catch (JsonException)
        {
            throw new CmdbException(ErrorCodes.JsonDecode);
        }

        context.Response.RegisterForDispose(document);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CmdbException(ErrorCodes.JsonDecode);
        }

        var authenticator = services.GetRequiredService<AppAuthenticator>();
        var caller = native
            ? authenticator.AuthenticateNative(context.Request.Headers)
            : authenticator.Authenticate(context.Request.Headers, root);
        EsbRequestLog.SetCaller(context, caller);
        return new EsbRequest(new EsbBody(root), caller, options.Limits);
    }

    /// <summary>
    /// Native routes carry some parameters in the path (<c>.../biz/{bk_biz_id}</c>); the shared handlers read
    /// them as body fields, and the path wins over the body.
    /// </summary>
    private static JsonDocument WithRouteValues(JsonDocument document, RouteValueDictionary routeValues)
    {
        using (document)
        {
            var body = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
            foreach (var (name, value) in routeValues)
            {
                if (value is string text && long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    body[name] = number;
                }
            }

            return JsonDocument.Parse(body.ToJsonString());
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, EsbOptions options, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var limit = options.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            await OversizedBody.RefuseAsync(context, options.DrainBodyBytes, cancellationToken);
        }

        // One spare byte, so a body of exactly Content-Length bytes ends without a resize.
        var buffer = new byte[request.ContentLength is > 0 and var length ? (int)length + 1 : 1024];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    await OversizedBody.RefuseAsync(context, options.DrainBodyBytes - filled, cancellationToken);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, filled);
            }

            filled += read;
        }
    }
}
