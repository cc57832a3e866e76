using System.Buffers;
using Microsoft.Net.Http.Headers;

namespace ProcOrleans.Gateway.Esb;

/// <summary>
/// Refuses a body over <c>Esb:MaxBodyBytes</c> so that the caller reads the 1199035 answer: the rest of the
/// body is read and dropped (up to <c>Esb:DrainBodyBytes</c>) first, because clients that send the whole
/// body before reading see a connection closed under them as a broken pipe. A body longer than that is not
/// waited for: the answer goes out with <c>Connection: close</c>.
/// </summary>
internal static class OversizedBody
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Drains what the client still sends, within <paramref name="budget"/> bytes, then throws the 413.</summary>
    public static async Task RefuseAsync(HttpContext context, long budget, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var drained = request.ContentLength is { } length && length > budget
            ? false
            : await DrainAsync(request.Body, budget, cancellationToken);
        if (!drained)
        {
            // The exception handler clears headers set now; this one is set as the answer goes out.
            context.Response.OnStarting(static state =>
            {
                ((HttpResponse)state).Headers[HeaderNames.Connection] = "close";
                return Task.CompletedTask;
            }, context.Response);
        }

        throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>True when the body ended within the budget.</summary>
    private static async Task<bool> DrainAsync(Stream body, long budget, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var left = budget;
            while (true)
            {
                var read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, Math.Max(left, 0) + 1)), cancellationToken);
                if (read == 0)
                {
                    return true;
                }

                left -= read;
                if (left < 0)
                {
                    return false;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
