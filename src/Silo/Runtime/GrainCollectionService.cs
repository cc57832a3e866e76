using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProcOrleans.Silo.Runtime;

/// <summary>Collects idle activations on a timer, and deactivates every activation when the host stops.</summary>
internal sealed partial class GrainCollectionService(
    GrainRuntime runtime,
    IOptions<SiloOptions> options,
    TimeProvider timeProvider,
    ILogger<GrainCollectionService> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await runtime.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout elapsed. State is durable before every call returns, so skipping
            // the rest of the deactivations loses nothing.
            LogDeactivationCut(logger);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await runtime.CollectIdleAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogCollectionFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown time ran out before every activation was deactivated")]
    private static partial void LogDeactivationCut(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Idle collection failed")]
    private static partial void LogCollectionFailed(ILogger logger, Exception exception);
}
