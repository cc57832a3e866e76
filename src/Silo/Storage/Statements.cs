using System.Data.Common;

namespace ProcOrleans.Silo.Storage;

/// <summary>
/// Where a transaction's commands come from: fresh ones (disposed after use), or, on a connection that
/// lives long and writes alone (the SQLite writer), cached ones that keep their prepared statement so hot
/// inserts are not parsed again for every write. As a change sink it runs each statement at once.
/// </summary>
internal sealed class Statements : IChangeSink
{
    private readonly DbConnection _connection;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<string, DbCommand>? _cache;

    private Statements(DbConnection connection, TimeSpan timeout, Dictionary<string, DbCommand>? cache)
    {
        _connection = connection;
        _timeout = timeout;
        _cache = cache;
    }

    public DbTransaction? Transaction { get; set; }

    /// <summary>New commands for every statement.</summary>
    public static Statements Fresh(DbConnection connection, DbTransaction transaction, TimeSpan timeout) =>
        new(connection, timeout, null) { Transaction = transaction };

    /// <summary>Commands kept per SQL text for the life of <paramref name="connection"/>; dispose with <see cref="Clear"/>.</summary>
    public static Statements Cached(DbConnection connection, TimeSpan timeout) =>
        new(connection, timeout, new Dictionary<string, DbCommand>(StringComparer.Ordinal));

    /// <summary>A command for <paramref name="sql"/> in the current transaction, without parameters.</summary>
    public Lease Rent(string sql)
    {
        if (_cache is null)
        {
            return new Lease(_connection.CreateCommand(sql, Transaction, _timeout), owned: true);
        }

        if (!_cache.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand(sql, Transaction, _timeout);
            _cache[sql] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return new Lease(command, owned: false);
    }

    Lease IChangeSink.Statement(string sql) => Rent(sql);

    async ValueTask IChangeSink.RunAsync(Lease statement, CancellationToken cancellationToken) =>
        await statement.Command.ExecuteNonQueryAsync(cancellationToken);

    async ValueTask IChangeSink.RunExpectingOneRowAsync(Lease statement, RowExpectation expectation, CancellationToken cancellationToken)
    {
        if (await statement.Command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw expectation.Conflict();
        }
    }

    public void Clear()
    {
        foreach (var command in _cache?.Values ?? Enumerable.Empty<DbCommand>())
        {
            command.Dispose();
        }

        _cache?.Clear();
    }

    /// <summary>A rented command; disposing it disposes only a fresh one.</summary>
    public readonly struct Lease(DbCommand command, bool owned) : IAsyncDisposable
    {
        public DbCommand Command { get; } = command;

        public ValueTask DisposeAsync() => owned ? Command.DisposeAsync() : ValueTask.CompletedTask;
    }
}
