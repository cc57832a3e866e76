using System.Data.Common;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>Listings across grains, read straight from the tables (shared by the providers).</summary>
internal sealed class ServiceInstanceQueries(StorageDialect dialect, StorageOptions options) : IServiceInstanceQueries
{
    public async Task<ServiceInstancePage> ListServiceInstancesAsync(ServiceInstanceFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await dialect.BeginReadAsync(connection, cancellationToken);

        await using var count = connection.CreateCommand("", transaction, options.CommandTimeout);
        var where = Where(count, filter);
        count.CommandText = $"SELECT COUNT(*) FROM service_instances WHERE {where}";
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var list = connection.CreateCommand("", transaction, options.CommandTimeout);
        var direction = page.Descending ? "DESC" : "ASC";
        var order = page.Sort switch
        {
            ServiceInstanceSort.Name => $"name {direction}, id {direction}",
            ServiceInstanceSort.CreateTime => $"create_time {direction}, id {direction}",
            _ => $"id {direction}",
        };
        list.CommandText = $"SELECT {Rows.InstanceColumns} FROM service_instances WHERE {Where(list, filter)} ORDER BY {order} LIMIT @limit OFFSET @offset";
        list.With("@limit", page.Limit).With("@offset", page.Start);
        var info = new List<ServiceInstance>(Math.Min(page.Limit, 1000));
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                info.Add(Rows.ReadInstance(reader));
            }
        }

        return new ServiceInstancePage(total, info);
    }

    public Task<IReadOnlyList<ProcessInstance>> ListProcessesOfInstancesAsync(IReadOnlyCollection<long> serviceInstanceIds, CancellationToken cancellationToken) =>
        ReadProcessesAsync("service_instance_id", serviceInstanceIds, cancellationToken);

    public Task<IReadOnlyList<ProcessInstance>> GetProcessesAsync(IReadOnlyCollection<long> processIds, CancellationToken cancellationToken) =>
        ReadProcessesAsync("bk_process_id", processIds, cancellationToken);

    private async Task<IReadOnlyList<ProcessInstance>> ReadProcessesAsync(string column, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand("", null, options.CommandTimeout);
        command.CommandText = $"SELECT {Rows.ProcessColumns} FROM processes WHERE {column} IN {command.WithList("i", ids)} ORDER BY bk_process_id";
        var processes = new List<ProcessInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            processes.Add(Rows.ReadProcess(reader));
        }

        return processes;
    }

    private string Where(DbCommand command, ServiceInstanceFilter filter)
    {
        var conditions = new List<string> { "bk_biz_id = @biz" };
        command.With("@biz", filter.BizId);
        if (filter.ModuleId is { } moduleId)
        {
            conditions.Add("bk_module_id = @module");
            command.With("@module", moduleId);
        }

        if (filter.HostIds is { Count: > 0 } hostIds)
        {
            conditions.Add($"bk_host_id IN {command.WithList("h", hostIds)}");
        }

        if (filter.ServiceInstanceIds is { Count: > 0 } instanceIds)
        {
            conditions.Add($"id IN {command.WithList("s", instanceIds)}");
        }

        if (!string.IsNullOrEmpty(filter.SearchKey))
        {
            conditions.Add(dialect.ContainsText("name", "@search"));
            command.With("@search", filter.SearchKey);
        }

        return string.Join(" AND ", conditions);
    }
}
