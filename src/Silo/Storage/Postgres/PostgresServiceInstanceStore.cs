using System.Data.Common;
using System.Diagnostics;
using ProcOrleans.Silo.Diagnostics;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage.Postgres;

/// <summary>
/// The cluster store: every commit is one transaction whose writes are conditional on the version the
/// grain holds, so two nodes writing one service instance can never both succeed on the same version.
/// PostgreSQL's own group commit shares fsyncs between concurrent transactions.
/// </summary>
internal sealed class PostgresServiceInstanceStore(
    PostgresDialect dialect,
    ServiceInstanceReader reader,
    StorageOptions options,
    ProcOrleansMetrics metrics) : IServiceInstanceStore
{
    public bool IsShared => true;

    /// <summary>
    /// Session advisory locks keyed by instance id, on a connection held for the turn. Version checks stay
    /// the guarantee; the lock only saves racing writers from conflicts (and callers from 1199409).
    /// </summary>
    public async Task<IAsyncDisposable?> LockForWriteAsync(IReadOnlyCollection<long> serviceInstanceIds, CancellationToken cancellationToken)
    {
        var connection = dialect.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var id in serviceInstanceIds.Distinct().Order())
            {
                await using var command = connection.CreateCommand("SELECT pg_advisory_lock(@id)", null, options.CommandTimeout).With("@id", id);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new AdvisoryLocks(connection);
        }
        catch
        {
            // Closing the session releases whatever it holds.
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken) =>
        reader.LoadAsync(serviceInstanceId, cancellationToken);

    public Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken) =>
        reader.GetVersionAsync(serviceInstanceId, cancellationToken);

    public async Task CommitAsync(IReadOnlyList<ServiceInstanceChange> changes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = changes.Count > 0 ? changes[0].ServiceInstanceId : 0;
        var statements = Statements.Fresh(connection, transaction, options.CommandTimeout);
        try
        {
            foreach (var change in changes)
            {
                current = change.ServiceInstanceId;
                await ChangeWriter.ApplyAsync(statements, change, dialect.ProcessRowsPerInsert, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException exception) when (PostgresDialect.IsConflict(exception))
        {
            metrics.ConflictSeen(StorageProviders.Postgres);
            throw new ConcurrencyConflictException(current, exception.Message);
        }
        catch (ConcurrencyConflictException)
        {
            metrics.ConflictSeen(StorageProviders.Postgres);
            throw;
        }

        metrics.CommitDone(StorageProviders.Postgres, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Releases the session's advisory locks and returns the connection to the pool.</summary>
    private sealed class AdvisoryLocks(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlock = connection.CreateCommand();
                unlock.CommandText = "SELECT pg_advisory_unlock_all()";
                await unlock.ExecuteNonQueryAsync();
            }
            catch (DbException)
            {
                // A dead session holds no locks any more.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Reserves an id block in its own short transaction; the row lock serialises nodes.</summary>
    public async Task<long> ReserveIdsAsync(string sequence, long count, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(IdSequenceSql.Reserve, null, options.CommandTimeout)
            .With("@name", sequence).With("@count", count);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
