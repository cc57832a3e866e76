using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using ProcOrleans.Gateway.Esb;
using ProcOrleans.Gateway.Permissions;
using Orleans.Runtime;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Gateway.Errors;

/// <summary>
/// Turns every exception into the envelope: domain errors keep their code, transport errors keep their
/// 4xx status, anything unexpected is 1199998 with no detail. Only the log sees the exception.
/// </summary>
public sealed partial class EnvelopeExceptionHandler(ILogger<EnvelopeExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var language = httpContext.Request.Headers[EsbHeaders.Language].ToString();
        var result = exception switch
        {
            CmdbException { Permission: { } permission } e => EnvelopeResult.Error(
                e.Code, ErrorMessages.Format(e.Code, language, e.Args), w => PermissionJson.Write(w, permission)),
            CmdbException e => EnvelopeResult.Error(e.Code, ErrorMessages.Format(e.Code, language, e.Args)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => EnvelopeResult.Error(
                ErrorCodes.ExceedLimit,
                ErrorMessages.Format(ErrorCodes.ExceedLimit, language, ["request body", MaxBody(httpContext)]),
                statusCode: StatusCodes.Status413PayloadTooLarge),
            BadHttpRequestException e => EnvelopeResult.Error(
                ErrorCodes.JsonDecode, ErrorMessages.Format(ErrorCodes.JsonDecode, language, []), statusCode: e.StatusCode),
            TimeoutException or OperationCanceledException when !httpContext.RequestAborted.IsCancellationRequested =>
                Log(ErrorCodes.Timeout, exception, language),
            // A silo that died or is stopping, storage reached outside a grain: the caller may try again.
            DbException or IOException or SiloUnavailableException or OrleansMessageRejectionException =>
                Log(ErrorCodes.StorageUnavailable, exception, language),
            _ => Log(ErrorCodes.Unknown, exception, language),
        };

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    private EnvelopeResult Log(int code, Exception exception, string language)
    {
        LogFailure(logger, code, exception);
        return EnvelopeResult.Error(code, ErrorMessages.Format(code, language, []));
    }

    private static int MaxBody(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<EsbOptions>>().Value.MaxBodyBytes;

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Request failed; answered code {Code}")]
    private static partial void LogFailure(ILogger logger, int code, Exception exception);
}
