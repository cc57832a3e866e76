using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Diagnostics;

namespace ProcOrleans.Silo.Storage.Postgres;

/// <summary>
/// Group commit on PostgreSQL: the commits waiting when a writer is free share one transaction and one
/// round trip, each behind its own savepoint, and one durable COMMIT answers them all. A commit whose
/// version check or unique index fails is rolled back to its savepoint and answered alone; the others are
/// run again without it. No caller hears back before the COMMIT returns. A few writers run at once, so one
/// group is sent while another waits for its fsync.
/// </summary>
internal sealed partial class PostgresWriter(
    PostgresDialect dialect,
    StorageOptions options,
    ProcOrleansMetrics metrics,
    ILogger<PostgresWriter> logger)
    : IStorageLifecycle, IAsyncDisposable
{
    private readonly Channel<PendingCommit> _queue = Channel.CreateUnbounded<PendingCommit>();
    private readonly Lock _stopGate = new();
    private Task[] _writers = [];
    private Task? _stopping;

    /// <summary>Stores <paramref name="changes"/> all or nothing in the next group; completes once it is durable.</summary>
    public Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken)
    {
        var commit = new PendingCommit(changes, cancellationToken);
        if (!_queue.Writer.TryWrite(commit))
        {
            commit.Dispose();
            throw new ObjectDisposedException(nameof(PostgresWriter), "The node is stopping.");
        }

        return commit.Completion.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writers = [.. Enumerable.Range(0, options.PostgresWriters).Select(_ => Task.Run(RunAsync, CancellationToken.None))];
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        lock (_stopGate)
        {
            return _stopping ??= StopOnceAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopOnceAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task RunAsync()
    {
        var group = new List<PendingCommit>(options.PostgresMaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < options.PostgresMaxGroup && _queue.Reader.TryRead(out var commit))
            {
                if (commit.TryBegin())
                {
                    group.Add(commit);
                }
            }

            if (group.Count > 0)
            {
                await WriteGroupAsync(group);
            }
        }
    }

    private async Task WriteGroupAsync(List<PendingCommit> group)
    {
        var included = new List<(PendingCommit Commit, int Savepoint)>(group.Count);
        using var activity = ProcOrleansTracing.StartGroup(StorageProviders.Postgres, [.. group.Select(commit => commit.Caller)]);
        try
        {
            await using var connection = (NpgsqlConnection)dialect.CreateConnection();
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var sink = new PostgresBatchSink(connection, transaction);
            IReadOnlyList<PendingCommit> pending = group;
            var savepoints = 0;
            while (true)
            {
                while (pending.Count > 0)
                {
                    var first = savepoints;
                    savepoints += pending.Count;
                    var (failed, failure) = await RunBatchAsync(sink, pending, first);
                    var kept = failed < 0 ? pending.Count : failed;
                    included.AddRange(pending.Take(kept).Select((commit, i) => (commit, first + i)));
                    if (failed < 0)
                    {
                        break;
                    }

                    // Undoes the failed commit and everything after it; those after it go again, without it.
                    await transaction.RollbackAsync(Savepoint(first + failed));
                    pending[failed].Fail(failure!);
                    pending = [.. pending.Skip(failed + 1)];
                }

                // A caller that gave up before the COMMIT is left out of it, as if its commit had failed.
                var cancelled = included.FindIndex(entry => !entry.Commit.TryEnterCommit());
                if (cancelled < 0)
                {
                    break;
                }

                await transaction.RollbackAsync(Savepoint(included[cancelled].Savepoint));
                included[cancelled].Commit.Dispose();
                pending = [.. included.Skip(cancelled + 1).Select(entry => entry.Commit)];
                included.RemoveRange(cancelled, included.Count - cancelled);
            }

            await transaction.CommitAsync();
            metrics.GroupCommitted(StorageProviders.Postgres, included.Count);
        }
        catch (Exception exception)
        {
            // The transaction as a whole failed (connection, timeout, the COMMIT itself): nothing of it is stored.
            LogGroupFailed(logger, group.Count, exception);
            foreach (var commit in group)
            {
                commit.Fail(exception);
            }

            return;
        }

        foreach (var (commit, _) in included)
        {
            commit.Complete();
        }
    }

    /// <summary>Sends the commits as one batch; answers the first that failed on its own and why, or -1.</summary>
    private async Task<(int Failed, Exception? Failure)> RunBatchAsync(PostgresBatchSink sink, IReadOnlyList<PendingCommit> pending, int firstSavepoint)
    {
        sink.Reset();
        for (var i = 0; i < pending.Count; i++)
        {
            sink.BeginCommit(Savepoint(firstSavepoint + i));
            foreach (var change in pending[i].Changes)
            {
                await ChangeWriter.ApplyAsync(sink, change, dialect.ProcessRowsPerInsert, CancellationToken.None);
            }
        }

        var ran = sink.Batch.BatchCommands.Count;
        var (failed, failure) = (-1, (Exception?)null);
        try
        {
            await sink.Batch.ExecuteNonQueryAsync();
        }
        catch (PostgresException exception) when (exception.BatchCommand is { } command && IsOwnFailure(exception))
        {
            ran = sink.IndexOf(command);
            failed = sink.CommitAt(ran);
            failure = PostgresDialect.IsConflict(exception)
                ? new ConcurrencyConflictException(pending[failed].Changes[0].ServiceInstanceId, exception.Message)
                : exception;
        }

        // A row count seen wrong before the failed statement, if any, is the first failure: what came after it
        // was run against rows that commit should not have touched.
        var (mismatch, expectation) = sink.FirstMismatch(ran);
        return mismatch >= 0 ? (mismatch, expectation.Conflict()) : (failed, failure);
    }

    // Errors that belong to one commit's rows (a unique index, a value, a lock another writer holds); any
    // other error (the connection, a timeout) belongs to the whole group.
    private static bool IsOwnFailure(PostgresException exception) =>
        PostgresDialect.IsConflict(exception) || exception.SqlState.StartsWith("22", StringComparison.Ordinal)
        || exception.SqlState.StartsWith("23", StringComparison.Ordinal);

    private static string Savepoint(int index) => $"c{index}";

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "A PostgreSQL write group of {Count} commits failed; none of it is stored")]
    private static partial void LogGroupFailed(ILogger logger, int count, Exception exception);
}
