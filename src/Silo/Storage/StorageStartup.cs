using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ProcOrleans.Silo.Storage;

/// <summary>Before the node serves: take ownership where needed, apply migrations, start the writers.</summary>
internal sealed partial class StorageStartup(
    StorageDialect dialect,
    StorageOptions options,
    IEnumerable<IStorageLifecycle> parts,
    ILogger<StorageStartup> logger) : IHostedService
{
    private readonly Lock _stopGate = new();
    private Task? _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await dialect.OnStartingAsync(cancellationToken);
        var applied = await MigrationRunner.ApplyAsync(dialect, options, cancellationToken);
        LogStarted(logger, dialect.Name, applied.Count);
        foreach (var part in parts)
        {
            await part.StartAsync(cancellationToken);
        }
    }

    /// <summary>
    /// One stop however many ask: a web host asked to stop from outside is stopped both by the caller and by
    /// its own run loop, at the same time, and the parts must be closed once.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stopping ??= StopOnceAsync();
        }
    }

    private async Task StopOnceAsync()
    {
        foreach (var part in parts)
        {
            await part.StopAsync();
        }

        await dialect.OnStoppedAsync();
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Storage {Provider} ready; {Applied} migrations applied now")]
    private static partial void LogStarted(ILogger logger, string provider, int applied);
}
