using Npgsql;

namespace ProcOrleans.Bench.Stateless.Storage;

/// <summary>
/// Creates this service's id sequences and moves each past the highest id stored, so that a data set
/// written straight into the tables (bench/DataGen) is never handed out again. Nodes starting together take
/// an advisory lock; a sequence only ever moves forward, and only when the tables hold ids beyond it.
/// </summary>
public sealed class IdSequenceSetup(StatelessDatabase database) : IHostedService
{
    private const long LockKey = 0x53_74_61_74_65_6C_65L;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await AdvanceAsync(connection, transaction, StatelessDatabase.ProcessIdSequence, "SELECT MAX(bk_process_id) FROM processes", cancellationToken);
        await AdvanceAsync(connection, transaction, StatelessDatabase.ServiceInstanceIdSequence, "SELECT MAX(id) FROM service_instances", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sequence, string highest, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, $"CREATE SEQUENCE IF NOT EXISTS {sequence}", cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            SELECT setval('{sequence}', stored.id)
            FROM ({highest}) AS stored (id), {sequence} AS s
            WHERE stored.id > (CASE WHEN s.is_called THEN s.last_value ELSE s.last_value - 1 END)
            """, cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
