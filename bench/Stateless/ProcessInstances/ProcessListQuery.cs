using Npgsql;
using ProcOrleans.Bench.Stateless.Storage;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Bench.Stateless.ProcessInstances;

/// <summary>
/// The processes of one instance of one business, in id order: one statement, so one snapshot and one
/// round trip. An instance that is missing or another business's has none.
/// </summary>
public sealed class ProcessListQuery(StatelessDatabase database)
{
    private const string Sql =
        $"SELECT {Rows.ProcessColumns} FROM processes WHERE service_instance_id = @id "
        + "AND EXISTS (SELECT 1 FROM service_instances WHERE id = @id AND bk_biz_id = @biz) ORDER BY bk_process_id";

    public async Task<List<ProcessInstance>> ListAsync(long bizId, long serviceInstanceId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<long>("id", serviceInstanceId));
        command.Parameters.Add(new NpgsqlParameter<long>("biz", bizId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var processes = new List<ProcessInstance>();
        while (await reader.ReadAsync(cancellationToken))
        {
            processes.Add(Rows.ReadProcess(reader));
        }

        return processes;
    }
}
