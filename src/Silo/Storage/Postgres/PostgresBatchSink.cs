using Npgsql;

namespace ProcOrleans.Silo.Storage.Postgres;

/// <summary>
/// Gathers the statements of a group of commits into one <see cref="NpgsqlBatch"/>, each commit behind its
/// own savepoint, and remembers which commit every statement belongs to and which row counts it must see,
/// so that one round trip carries the group and a failure can be traced to the one commit that caused it.
/// </summary>
internal sealed class PostgresBatchSink(NpgsqlConnection connection, NpgsqlTransaction transaction) : IChangeSink
{
    private readonly List<(int Commit, RowExpectation? Expectation)> _owners = [];
    private NpgsqlBatch _batch = NewBatch(connection, transaction);
    private int _commit = -1;

    public NpgsqlBatch Batch => _batch;

    /// <summary>Starts the statements of the next commit, behind savepoint <paramref name="savepoint"/>.</summary>
    public void BeginCommit(string savepoint)
    {
        _commit++;
        Add(new NpgsqlBatchCommand($"SAVEPOINT {savepoint}"), null);
    }

    /// <summary>Where <paramref name="command"/> is in the batch.</summary>
    public int IndexOf(NpgsqlBatchCommand command) => _batch.BatchCommands.IndexOf(command);

    /// <summary>The commit (0-based, in <see cref="BeginCommit"/> order) that the statement at <paramref name="index"/> belongs to.</summary>
    public int CommitAt(int index) => _owners[index].Commit;

    /// <summary>
    /// After the batch ran, up to the statement at <paramref name="end"/> (exclusive; the batch stops at a
    /// failed statement): the first commit that touched another number of rows than it had to, or -1.
    /// </summary>
    public (int Commit, RowExpectation Expectation) FirstMismatch(int end)
    {
        for (var i = 0; i < end; i++)
        {
            if (_owners[i].Expectation is { } expectation && _batch.BatchCommands[i].RecordsAffected != 1)
            {
                return (_owners[i].Commit, expectation);
            }
        }

        return (-1, default);
    }

    /// <summary>Empties the sink for the commits still to run.</summary>
    public void Reset()
    {
        _batch.Dispose();
        _batch = NewBatch(connection, transaction);
        _owners.Clear();
        _commit = -1;
    }

    // A free-standing command only holds the parameters the shared binders add; they move to the batch.
    public Statements.Lease Statement(string sql) => new(new NpgsqlCommand(sql), owned: true);

    public ValueTask RunAsync(Statements.Lease statement, CancellationToken cancellationToken)
    {
        Add(Move(statement), null);
        return ValueTask.CompletedTask;
    }

    public ValueTask RunExpectingOneRowAsync(Statements.Lease statement, RowExpectation expectation, CancellationToken cancellationToken)
    {
        Add(Move(statement), expectation);
        return ValueTask.CompletedTask;
    }

    private void Add(NpgsqlBatchCommand command, RowExpectation? expectation)
    {
        _batch.BatchCommands.Add(command);
        _owners.Add((_commit, expectation));
    }

    private static NpgsqlBatchCommand Move(Statements.Lease statement)
    {
        var source = (NpgsqlCommand)statement.Command;
        var parameters = source.Parameters.ToArray();
        source.Parameters.Clear();
        var command = new NpgsqlBatchCommand(source.CommandText);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlBatch NewBatch(NpgsqlConnection connection, NpgsqlTransaction transaction) => new(connection, transaction);
}
