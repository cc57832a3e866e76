using Npgsql;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Bench.Stateless.Storage;

/// <summary>Multi-row inserts of processes, up to 100 rows a statement, in the node's column format.</summary>
public static class ProcessInserts
{
    public const int MaxRowsPerStatement = 100;

    // One text per row count, so that each count is prepared once per connection.
    private static readonly string?[] Texts = new string?[MaxRowsPerStatement + 1];

    /// <summary>A command inserting <paramref name="processes"/> (at most 100), with <paramref name="tail"/> appended as further statements.</summary>
    public static NpgsqlCommand Create(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ProcessInstance> processes, string tail = "")
    {
        var rows = processes.Count;
        var sql = Texts[rows] ??= $"INSERT INTO processes ({Rows.ProcessColumns}) VALUES "
            + string.Join(", ", Enumerable.Range(0, rows).Select(Rows.ProcessValuesRow));
        var command = new NpgsqlCommand(tail.Length == 0 ? sql : $"{sql}; {tail}", connection, transaction);
        for (var row = 0; row < rows; row++)
        {
            command.WithProcess(processes[row], Rows.RowSuffix(row));
        }

        return command;
    }
}
