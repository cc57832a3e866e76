using System.Data.Common;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>
/// Writes one <see cref="ServiceInstanceChange"/> inside a transaction the caller owns, through a sink that
/// runs each statement at once or gathers them for one round trip. The version check is the first
/// statement, so a change made against stale memory fails before it writes anything.
/// </summary>
internal static class ChangeWriter
{
    private const string InsertInstance =
        $"INSERT INTO service_instances ({Rows.InstanceColumns}) VALUES (@id, @name, @bk_biz_id, @bk_module_id, @bk_host_id, "
        + "@service_template_id, @labels, @creator, @modifier, @create_time, @last_time, @bk_supplier_account, @version)";

    private const string UpdateVersion = "UPDATE service_instances SET version = @version WHERE id = @id AND version = @expected";

    private const string UpdateInstance =
        "UPDATE service_instances SET name = @name, bk_biz_id = @bk_biz_id, bk_module_id = @bk_module_id, "
        + "bk_host_id = @bk_host_id, service_template_id = @service_template_id, labels = @labels, creator = @creator, "
        + "modifier = @modifier, create_time = @create_time, last_time = @last_time, "
        + "bk_supplier_account = @bk_supplier_account, version = @version WHERE id = @id AND version = @expected";

    private const string DeleteInstance = "DELETE FROM service_instances WHERE id = @id AND version = @expected";

    // Multi-row inserts by row count, each built the first time it is needed (SQLite only ever needs one
    // row): the same count always gets the same text and, where statements are cached, the same prepared
    // statement. Two threads building the same text at once build equal strings, so no lock.
    private static readonly string?[] InsertProcesses = new string?[MaxRowsPerInsert + 1];

    private static readonly string[] RowSuffixes = [.. Enumerable.Range(0, MaxRowsPerInsert).Select(Rows.RowSuffix)];

    private const int MaxRowsPerInsert = 100;

    private const string UpdateProcess =
        $"UPDATE processes SET {Rows.ProcessUpdateAssignments} WHERE bk_process_id = @bk_process_id AND service_instance_id = @service_instance_id";

    /// <summary>Applies <paramref name="change"/>; new processes go <paramref name="rowsPerInsert"/> to a statement.</summary>
    public static async Task ApplyAsync(IChangeSink sink, ServiceInstanceChange change, int rowsPerInsert, CancellationToken cancellationToken)
    {
        rowsPerInsert = Math.Clamp(rowsPerInsert, 1, MaxRowsPerInsert);
        var id = change.ServiceInstanceId;
        var expectation = new RowExpectation(id, change.ExpectedVersion);
        if (change.ExpectedVersion == 0)
        {
            var instance = change.Instance ?? throw new ArgumentException("A new service instance needs its row.", nameof(change));
            await using var insert = sink.Statement(InsertInstance);
            insert.Command.WithInstance(instance, change.NewVersion);
            await sink.RunAsync(insert, cancellationToken);
        }
        else
        {
            // The version check comes with the instance row's delete; the processes go with it (the explicit
            // delete does not rely on the foreign key's cascade being switched on).
            if (change.DeleteInstance)
            {
                await using (var deleteInstance = sink.Statement(DeleteInstance))
                {
                    deleteInstance.Command.With("@id", id).With("@expected", change.ExpectedVersion);
                    await sink.RunExpectingOneRowAsync(deleteInstance, expectation, cancellationToken);
                }

                await using var deleteProcesses = sink.Statement("DELETE FROM processes WHERE service_instance_id = @id");
                deleteProcesses.Command.With("@id", id);
                await sink.RunAsync(deleteProcesses, cancellationToken);
                return;
            }

            await using var update = sink.Statement(change.Instance is null ? UpdateVersion : UpdateInstance);
            if (change.Instance is { } instance)
            {
                update.Command.WithInstance(instance, change.NewVersion);
            }
            else
            {
                update.Command.With("@id", id).With("@version", change.NewVersion);
            }

            update.Command.With("@expected", change.ExpectedVersion);
            await sink.RunExpectingOneRowAsync(update, expectation, cancellationToken);
        }

        if (change.DeletedProcessIds.Count > 0)
        {
            var list = string.Join(", ", change.DeletedProcessIds.Select((_, i) => $"@p{i}"));
            await using var delete = sink.Statement($"DELETE FROM processes WHERE service_instance_id = @id AND bk_process_id IN ({list})");
            delete.Command.With("@id", id).WithList("p", change.DeletedProcessIds);
            await sink.RunAsync(delete, cancellationToken);
        }

        // Updates run in two passes so that processes swapping names never meet in the unique index.
        if (change.UpdatedProcesses.Count > 1)
        {
            foreach (var process in change.UpdatedProcesses)
            {
                await using var park = sink.Statement(
                    "UPDATE processes SET bk_process_name = @parked, bk_func_name = @parked WHERE bk_process_id = @bk_process_id AND service_instance_id = @id");
                park.Command.With("@parked", $"\u0001parked:{process.ProcessId}").With("@bk_process_id", process.ProcessId).With("@id", id);
                await sink.RunAsync(park, cancellationToken);
            }
        }

        foreach (var process in change.UpdatedProcesses)
        {
            await using var update = sink.Statement(UpdateProcess);
            update.Command.WithProcess(process);
            await sink.RunExpectingOneRowAsync(update, expectation with { ProcessId = process.ProcessId }, cancellationToken);
        }

        var inserted = change.InsertedProcesses;
        for (var first = 0; first < inserted.Count; first += rowsPerInsert)
        {
            var rows = Math.Min(rowsPerInsert, inserted.Count - first);
            await using var insert = sink.Statement(InsertProcesses[rows] ??= InsertProcessesSql(rows));
            for (var row = 0; row < rows; row++)
            {
                insert.Command.WithProcess(inserted[first + row], RowSuffixes[row]);
            }

            await sink.RunAsync(insert, cancellationToken);
        }
    }

    private static string InsertProcessesSql(int rows) =>
        $"INSERT INTO processes ({Rows.ProcessColumns}) VALUES {string.Join(", ", Enumerable.Range(0, rows).Select(Rows.ProcessValuesRow))}";
}
