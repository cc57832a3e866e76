using System.Data.Common;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Silo.Diagnostics;

/// <summary>
/// Turns storage failures inside grains into the domain error callers can retry on, at the grain where
/// they happen: a provider's exception type means nothing on the other side of a silo boundary, and its
/// text (connection strings, SQL) must not reach a caller. Only the log sees the original.
/// </summary>
internal sealed partial class StorageErrorFilter(ILogger<StorageErrorFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (exception is DbException or IOException)
        {
            LogStorageFailed(logger, context.InterfaceName, context.MethodName, exception);
            throw new CmdbException(ErrorCodes.StorageUnavailable);
        }
        catch (InconsistentStateException exception)
        {
            // Another activation of a state-holding grain wrote first; the caller may simply try again.
            LogStorageFailed(logger, context.InterfaceName, context.MethodName, exception);
            throw new CmdbException(ErrorCodes.ConcurrentWrite);
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "Storage failed in {Interface}.{Method}")]
    private static partial void LogStorageFailed(ILogger logger, string @interface, string method, Exception exception);
}
