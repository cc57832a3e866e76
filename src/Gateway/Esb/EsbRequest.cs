using System.Text.Json;
using Microsoft.Extensions.Options;
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
        var bytes = await ReadBodyAsync(context.Request, options.MaxBodyBytes, context.RequestAborted);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth });
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

        var caller = services.GetRequiredService<AppAuthenticator>().Authenticate(context.Request.Headers, root);
        EsbRequestLog.SetCaller(context, caller);
        return new EsbRequest(new EsbBody(root), caller, options.Limits);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
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
                    throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
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
