using System.Data.Common;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>Reads of one service instance, shared by the providers; each read is one connection, no transaction needed.</summary>
internal sealed class ServiceInstanceReader(StorageDialect dialect, StorageOptions options)
{
    private readonly string _loadSql =
        $"SELECT {Rows.InstanceColumns} FROM service_instances WHERE id = @id; "
        + $"SELECT {Rows.ProcessColumns} FROM processes WHERE service_instance_id = @id ORDER BY bk_process_id";

    public async Task<ServiceInstanceState?> LoadAsync(long serviceInstanceId, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        // Both statements see one snapshot, or an instance could be read before a write and its processes after.
        await using var transaction = await dialect.BeginReadAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand(_loadSql, transaction, options.CommandTimeout).With("@id", serviceInstanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var instance = Rows.ReadInstance(reader);
        var version = Rows.ReadVersion(reader);
        await reader.NextResultAsync(cancellationToken);
        var processes = new List<ProcessInstance>();
        while (await reader.ReadAsync(cancellationToken))
        {
            processes.Add(Rows.ReadProcess(reader));
        }

        return new ServiceInstanceState(instance, processes, version);
    }

    public async Task<long?> GetVersionAsync(long serviceInstanceId, CancellationToken cancellationToken)
    {
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT version FROM service_instances WHERE id = @id", null, options.CommandTimeout).With("@id", serviceInstanceId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
