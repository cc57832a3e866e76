using System.Data.Common;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>
/// Writes one <see cref="ServiceInstanceChange"/> inside a transaction the caller owns. The version check
/// is the first statement, so a change made against stale memory fails before it writes anything.
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

    private const string InsertProcess = $"INSERT INTO processes ({Rows.ProcessColumns}) VALUES ({Rows.ProcessValues})";

    private const string UpdateProcess =
        $"UPDATE processes SET {Rows.ProcessUpdateAssignments} WHERE bk_process_id = @bk_process_id AND service_instance_id = @service_instance_id";

    public static async Task ApplyAsync(
        DbConnection connection,
        DbTransaction transaction,
        ServiceInstanceChange change,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var id = change.ServiceInstanceId;
        if (change.ExpectedVersion == 0)
        {
            var instance = change.Instance ?? throw new ArgumentException("A new service instance needs its row.", nameof(change));
            await using var insert = connection.CreateCommand(InsertInstance, transaction, timeout).WithInstance(instance, change.NewVersion);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            // The version check comes with the instance row's delete; the processes go with it (the explicit
            // delete does not rely on the foreign key's cascade being switched on).
            if (change.DeleteInstance)
            {
                await using var deleteProcesses = connection.CreateCommand(
                    "DELETE FROM processes WHERE service_instance_id = @id", transaction, timeout).With("@id", id);
                await using var deleteInstance = connection.CreateCommand(DeleteInstance, transaction, timeout)
                    .With("@id", id).With("@expected", change.ExpectedVersion);
                if (await deleteInstance.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    throw new ConcurrencyConflictException(id, $"expected version {change.ExpectedVersion}");
                }

                await deleteProcesses.ExecuteNonQueryAsync(cancellationToken);
                return;
            }

            await using var update = change.Instance is { } instance
                ? connection.CreateCommand(UpdateInstance, transaction, timeout).WithInstance(instance, change.NewVersion)
                : connection.CreateCommand(UpdateVersion, transaction, timeout).With("@id", id).With("@version", change.NewVersion);
            update.With("@expected", change.ExpectedVersion);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new ConcurrencyConflictException(id, $"expected version {change.ExpectedVersion}");
            }
        }

        if (change.DeletedProcessIds.Count > 0)
        {
            await using var delete = connection.CreateCommand("", transaction, timeout).With("@id", id);
            delete.CommandText = $"DELETE FROM processes WHERE service_instance_id = @id AND bk_process_id IN {delete.WithList("p", change.DeletedProcessIds)}";
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        // Updates run in two passes so that processes swapping names never meet in the unique index.
        if (change.UpdatedProcesses.Count > 1)
        {
            foreach (var process in change.UpdatedProcesses)
            {
                await using var park = connection.CreateCommand(
                    "UPDATE processes SET bk_process_name = @parked, bk_func_name = @parked WHERE bk_process_id = @bk_process_id AND service_instance_id = @id",
                    transaction, timeout)
                    .With("@parked", $"\u0001parked:{process.ProcessId}").With("@bk_process_id", process.ProcessId).With("@id", id);
                await park.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        foreach (var process in change.UpdatedProcesses)
        {
            await using var update = connection.CreateCommand(UpdateProcess, transaction, timeout).WithProcess(process);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new ConcurrencyConflictException(id, $"process {process.ProcessId} is gone");
            }
        }

        foreach (var process in change.InsertedProcesses)
        {
            await using var insert = connection.CreateCommand(InsertProcess, transaction, timeout).WithProcess(process);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
