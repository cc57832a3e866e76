using Npgsql;
using ProcOrleans.Bench.Stateless.Storage;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Bench.Stateless.ProcessInstances;

/// <summary>
/// Adds processes to one instance in one transaction: the instance row is locked (<c>FOR UPDATE</c>), so
/// writers of one instance take turns; the stored processes the new ones could clash with are looked up in
/// the same round trip; ids come from a sequence once every check has passed; the rows and the instance's
/// new version go in one more round trip, then the commit.
/// </summary>
public sealed class ProcessCreation(StatelessDatabase database, TimeProvider clock)
{
    private const string LockAndClashes = """
        SELECT bk_biz_id, bk_host_id, service_template_id, bk_supplier_account FROM service_instances WHERE id = @id FOR UPDATE;
        SELECT bk_process_name, bk_func_name, bk_start_param_regex FROM processes
        WHERE service_instance_id = @id
          AND (bk_process_name = ANY(@names)
               OR (bk_func_name, COALESCE(bk_start_param_regex, '')) IN (SELECT f, r FROM unnest(@funcs, @regexes) AS u (f, r)))
        """;

    private const string BumpVersion = "UPDATE service_instances SET version = version + 1 WHERE id = @instance_id";

    /// <summary>The ids of the new processes, in input order; API.md's checks 6-8 in the node's order.</summary>
    public async Task<long[]> CreateAsync(long bizId, long serviceInstanceId, IReadOnlyList<ProcessInput> inputs, CancellationToken cancellationToken)
    {
        var valid = inputs.Select(i => i.Properties).OfType<ProcessProperties>().ToArray();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ProcessInstance template;
        var stored = new List<ProcessInstance>();
        await using (var command = new NpgsqlCommand(LockAndClashes, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("id", serviceInstanceId));
            command.Parameters.Add(new NpgsqlParameter<string[]>("names", [.. valid.Select(p => p.BkProcessName ?? "")]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("funcs", [.. valid.Select(p => p.BkFuncName ?? "")]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("regexes", [.. valid.Select(p => p.UniqueStartParamRegex)]));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new CmdbException(ErrorCodes.NotFound);
            }

            if (reader.GetInt64(0) != bizId)
            {
                throw new CmdbException(ErrorCodes.ParamInvalid, "bk_biz_id");
            }

            if (reader.GetInt64(2) != 0)
            {
                throw new CmdbException(ErrorCodes.TemplateInstanceForbidden);
            }

            var now = CmdbTime.TruncateToMilliseconds(clock.GetUtcNow());
            template = new ProcessInstance(0, serviceInstanceId, bizId, reader.GetInt64(1), 0, reader.GetString(3), new ProcessProperties(), now, now);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add(template with
                {
                    Properties = new ProcessProperties
                    {
                        BkProcessName = reader.IsDBNull(0) ? null : reader.GetString(0),
                        BkFuncName = reader.IsDBNull(1) ? null : reader.GetString(1),
                        BkStartParamRegex = reader.IsDBNull(2) ? null : reader.GetString(2),
                    },
                });
            }
        }

        // Only the stored processes that share a key with an input can clash, so they are all the index needs.
        var uniqueness = UniquenessIndex.Create(serviceInstanceId, stored);
        var properties = new ProcessProperties[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            properties[i] = inputs[i].GetOrThrow();
            uniqueness.Add(properties[i]);
        }

        var ids = await StatelessDatabase.TakeIdsAsync(connection, StatelessDatabase.ProcessIdSequence, properties.Length, cancellationToken);
        var processes = properties.Select((p, i) => template with { ProcessId = ids[i], Properties = p }).ToArray();
        try
        {
            for (var first = 0; first < processes.Length; first += ProcessInserts.MaxRowsPerStatement)
            {
                var chunk = processes[first..Math.Min(processes.Length, first + ProcessInserts.MaxRowsPerStatement)];
                var last = first + chunk.Length == processes.Length;
                await using var insert = ProcessInserts.Create(connection, transaction, chunk, last ? BumpVersion : "");
                if (last)
                {
                    insert.Parameters.Add(new NpgsqlParameter<long>("instance_id", serviceInstanceId));
                }

                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation)
        {
            // Behind the row lock only a deleted instance or a writer that skips the lock can get here.
            throw new CmdbException(ErrorCodes.ConcurrentWrite);
        }

        return ids;
    }
}
