using Npgsql;
using ProcOrleans.Bench.Stateless.Storage;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Bench.Stateless.ServiceInstances;

/// <summary>
/// Creates instances with their processes, all or nothing: instance ids first (a duplicate's message names
/// the instance, as the node's does), every check, then process ids, then one transaction for every row.
/// </summary>
public sealed class ServiceInstanceCreation(StatelessDatabase database, TimeProvider clock)
{
    private const string InsertInstance =
        $"INSERT INTO service_instances ({Rows.InstanceColumns}) VALUES (@id, @name, @bk_biz_id, @bk_module_id, @bk_host_id, "
        + "@service_template_id, @labels, @creator, @modifier, @create_time, @last_time, @bk_supplier_account, @version)";

    public async Task<long[]> CreateAsync(CreateServiceInstancesCommand command, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var ids = await StatelessDatabase.TakeIdsAsync(connection, StatelessDatabase.ServiceInstanceIdSequence, command.Instances.Count, cancellationToken);
        var now = CmdbTime.TruncateToMilliseconds(clock.GetUtcNow());
        var instances = new ServiceInstance[ids.Length];
        var properties = new ProcessProperties[ids.Length][];
        for (var i = 0; i < ids.Length; i++)
        {
            var input = command.Instances[i];
            instances[i] = new ServiceInstance(
                ids[i], input.Name ?? DeriveName(input.Processes), command.BizId, command.ModuleId, input.HostId,
                ServiceTemplateId: 0, Labels: null, Creator: command.User, Modifier: command.User, now, now, command.SupplierAccount);
            var uniqueness = UniquenessIndex.Create(ids[i], []);
            properties[i] = new ProcessProperties[input.Processes.Count];
            for (var p = 0; p < input.Processes.Count; p++)
            {
                properties[i][p] = input.Processes[p].GetOrThrow();
                uniqueness.Add(properties[i][p]);
            }
        }

        var total = properties.Sum(p => p.Length);
        var processIds = total == 0 ? [] : await StatelessDatabase.TakeIdsAsync(connection, StatelessDatabase.ProcessIdSequence, total, cancellationToken);
        var processes = new List<ProcessInstance>(total);
        for (var i = 0; i < instances.Length; i++)
        {
            var instance = instances[i];
            foreach (var process in properties[i])
            {
                processes.Add(new ProcessInstance(
                    processIds[processes.Count], instance.Id, instance.BizId, instance.HostId, ProcessTemplateId: 0,
                    instance.SupplierAccount, process, now, now));
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var instance in instances)
        {
            await using var insert = new NpgsqlCommand(InsertInstance, connection, transaction);
            await insert.WithInstance(instance, version: 1).ExecuteNonQueryAsync(cancellationToken);
        }

        for (var first = 0; first < processes.Count; first += ProcessInserts.MaxRowsPerStatement)
        {
            var chunk = processes.GetRange(first, Math.Min(ProcessInserts.MaxRowsPerStatement, processes.Count - first));
            await using var insert = ProcessInserts.Create(connection, transaction, chunk);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>bk-cmdb's name for an instance created without one: the first process's name, and <c>_</c> and its first port.</summary>
    private static string DeriveName(IReadOnlyList<ProcessInput> processes)
    {
        if (processes.Count == 0 || processes[0].Properties is not { } first)
        {
            return "";
        }

        var port = first.BindInfo is { Count: > 0 } rows ? rows[0].Port : null;
        return port is null ? first.BkProcessName ?? "" : $"{first.BkProcessName}_{port}";
    }
}
