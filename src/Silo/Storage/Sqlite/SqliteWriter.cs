using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ProcOrleans.Silo.Diagnostics;

namespace ProcOrleans.Silo.Storage.Sqlite;

/// <summary>
/// The single writer of a SQLite database, with group commit: every write waiting when a transaction
/// begins joins it, each inside its own savepoint (one write's failure undoes only that write), and one
/// durable COMMIT (synchronous=FULL) answers them all. No caller hears back before its COMMIT returns.
/// </summary>
internal sealed partial class SqliteWriter(
    SqliteDialect dialect,
    StorageOptions options,
    ProcOrleansMetrics metrics,
    ILogger<SqliteWriter> logger)
    : IStorageLifecycle, IAsyncDisposable
{
    // SQLite's default threshold, and a far one (64 MiB of WAL) for when checkpoints run in the background.
    private const int DefaultCheckpointPages = 1000;
    private const int FallbackCheckpointPages = 16384;

    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _stopGate = new();
    private SqliteConnection? _connection;
    private Statements? _statements;
    private Task? _loop;
    private Task? _stopping;

    /// <summary>Runs <paramref name="work"/> in the next group; its result is answered once the group is durable.</summary>
    public Task<T> WriteAsync<T>(Func<Statements, Task<T>> work, CancellationToken cancellationToken)
    {
        var request = new WriteRequest<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "The node is stopping.");
        }

        return request.Completion.Task;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Drains the queue and closes the connection, once, however many callers ask at the same time.</summary>
    public Task StopAsync()
    {
        lock (_stopGate)
        {
            return _stopping ??= StopOnceAsync();
        }
    }

    private async Task StopOnceAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }

        await CloseAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task CloseAsync()
    {
        _statements?.Clear();
        _statements = null;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private async Task<Statements> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = dialect.CreateSqliteConnection();
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // synchronous=FULL: a commit returns once its WAL frames are on disk. The writer checkpoints only when
        // the background checkpointer is off or has fallen far behind.
        var autoCheckpointPages = options.SqliteCheckpointInterval > TimeSpan.Zero ? FallbackCheckpointPages : DefaultCheckpointPages;
        pragma.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA synchronous=FULL; PRAGMA cache_size=-{options.SqliteWriterCacheMb * 1024}; PRAGMA wal_autocheckpoint={autoCheckpointPages}");
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        _connection = connection;
        _statements = Statements.Cached(connection, options.CommandTimeout);
        return _statements;
    }

    private async Task RunAsync()
    {
        var group = new List<WriteRequest>(options.MaxCommitBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < options.MaxCommitBatch && _queue.Reader.TryRead(out var request))
            {
                if (!request.TryCancel())
                {
                    group.Add(request);
                }
            }

            if (group.Count > 0)
            {
                await WriteGroupAsync(group);
            }
        }
    }

    private async Task WriteGroupAsync(List<WriteRequest> group)
    {
        try
        {
            var statements = _statements ?? await OpenAsync(CancellationToken.None);
            await using var transaction = await _connection!.BeginTransactionAsync();
            statements.Transaction = transaction;
            foreach (var request in group)
            {
                // One savepoint at a time, so one name does; cached, like every statement here.
                await ExecuteAsync(statements, "SAVEPOINT w");
                try
                {
                    await request.RunAsync(statements);
                    await ExecuteAsync(statements, "RELEASE w");
                }
                catch (Exception exception)
                {
                    await ExecuteAsync(statements, "ROLLBACK TO w");
                    await ExecuteAsync(statements, "RELEASE w");
                    request.Fail(exception);
                }
            }

            await transaction.CommitAsync();
            statements.Transaction = null;
            metrics.GroupCommitted(StorageProviders.Sqlite, group.Count);
        }
        catch (Exception exception)
        {
            // The transaction as a whole failed (disk, lock timeout): nothing of the group is stored.
            LogGroupFailed(logger, group.Count, exception);
            foreach (var request in group)
            {
                request.Fail(exception);
            }

            await CloseAsync();
            return;
        }

        foreach (var request in group)
        {
            request.Complete();
        }
    }

    private static async Task ExecuteAsync(Statements statements, string sql)
    {
        await using var command = statements.Rent(sql);
        await command.Command.ExecuteNonQueryAsync();
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "A SQLite write group of {Count} writes failed; none of it is stored")]
    private static partial void LogGroupFailed(ILogger logger, int count, Exception exception);

    private abstract class WriteRequest
    {
        public abstract bool TryCancel();

        public abstract Task RunAsync(Statements statements);

        public abstract void Fail(Exception exception);

        public abstract void Complete();
    }

    private sealed class WriteRequest<T>(Func<Statements, Task<T>> work, CancellationToken cancellationToken) : WriteRequest
    {
        private T? _result;
        private Exception? _failure;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool TryCancel() => cancellationToken.IsCancellationRequested && Completion.TrySetCanceled(cancellationToken);

        public override async Task RunAsync(Statements statements) => _result = await work(statements);

        // Held until the group's fate is known: a write that succeeded alone still fails if the COMMIT does.
        public override void Fail(Exception exception)
        {
            _failure ??= exception;
            Completion.TrySetException(_failure);
        }

        public override void Complete()
        {
            if (_failure is null)
            {
                Completion.TrySetResult(_result!);
            }
        }
    }
}
