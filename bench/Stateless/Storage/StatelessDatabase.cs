using Npgsql;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Bench.Stateless.Storage;

/// <summary>
/// The connection pool every request borrows from. Statements are prepared automatically once used twice
/// (<c>Max Auto Prepare</c>) and stay prepared on their pooled connection; connections skip the session reset
/// on return, as nothing here changes session state. A connection string that sets these keeps its own.
/// </summary>
public sealed class StatelessDatabase : IAsyncDisposable
{
    public const string ProcessIdSequence = "stateless_process_id";
    public const string ServiceInstanceIdSequence = "stateless_service_instance_id";

    public StatelessDatabase(StorageOptions options)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            CommandTimeout = Math.Max(1, (int)options.CommandTimeout.TotalSeconds),
        };
        if (!options.ConnectionString!.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            connection.MaxAutoPrepare = 64;
            connection.AutoPrepareMinUsages = 2;
        }

        if (!options.ConnectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            connection.NoResetOnClose = true;
        }

        DataSource = NpgsqlDataSource.Create(connection);
        CommandTimeout = options.CommandTimeout;
    }

    public NpgsqlDataSource DataSource { get; }

    public TimeSpan CommandTimeout { get; }

    /// <summary>
    /// <paramref name="count"/> fresh ids of <paramref name="sequence"/>, ascending. Sequences hand out ids
    /// outside any transaction, so concurrent writers never wait on one another for them.
    /// </summary>
    public static async Task<long[]> TakeIdsAsync(NpgsqlConnection connection, string sequence, int count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT nextval('{sequence}') FROM generate_series(1, @count)", connection);
        command.Parameters.Add(new NpgsqlParameter<int>("count", count));
        var ids = new long[count];
        var i = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[i++] = reader.GetInt64(0);
        }

        Array.Sort(ids);
        return ids;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
