using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ProcOrleans.Silo.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log into the database from a connection of its own, so that the writer's commits
/// do not pay for it. SQLite's own checkpoint runs inside the COMMIT that crosses its threshold and holds
/// up every caller of that group; a passive checkpoint here runs beside the writer and never blocks it.
/// </summary>
internal sealed partial class SqliteCheckpointer(
    SqliteDialect dialect,
    StorageOptions options,
    TimeProvider timeProvider,
    ILogger<SqliteCheckpointer> logger) : IStorageLifecycle
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.SqliteCheckpointInterval > TimeSpan.Zero)
        {
            _loop = Task.Run(RunAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        // Cancelling twice is harmless, and awaiting a finished loop is too: no gate needed here.
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await using var connection = dialect.CreateSqliteConnection();
            await connection.OpenAsync(_stopping.Token);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var timer = new PeriodicTimer(options.SqliteCheckpointInterval, timeProvider);
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await checkpoint.ExecuteNonQueryAsync(_stopping.Token);
                }
                catch (SqliteException exception)
                {
                    // The writer's own checkpoint threshold is the safety net; try again next tick.
                    LogCheckpointFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "A background SQLite checkpoint failed")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
