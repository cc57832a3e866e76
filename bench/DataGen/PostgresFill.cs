using Npgsql;

namespace ProcOrleans.Bench.DataGen;

/// <summary>
/// The same data set as the SQLite fill, written by PostgreSQL itself: two set-based inserts over
/// <c>generate_series</c>, which take seconds where row-by-row round trips would take minutes.
/// </summary>
internal static class PostgresFill
{
    public static async Task RunAsync(string connectionString, int instances, int perInstance, long biz, long now)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, """
            INSERT INTO service_instances (id, name, bk_biz_id, bk_module_id, bk_host_id, service_template_id, labels, creator,
                modifier, create_time, last_time, bk_supplier_account, version)
            SELECT i, 'svc-' || i, @biz, 1, i, 0, NULL, 'bench', 'bench', @now, @now, '0', 1
            FROM generate_series(1, @instances::bigint) AS i
            """, instances, perInstance, biz, now);
        await ExecuteAsync(connection, """
            INSERT INTO processes (bk_process_id, service_instance_id, bk_biz_id, bk_host_id, process_template_id, bk_supplier_account,
                auto_start, auto_time_gap, bk_func_id, bk_func_name, bk_process_name, bk_start_check_secs, bk_start_param_regex,
                description, face_stop_cmd, pid_file, priority, proc_num, reload_cmd, restart_cmd, start_cmd, stop_cmd, timeout,
                "user", work_path, bind_info, create_time, last_time)
            SELECT (i - 1) * @per + p + 1, i, @biz, i, 0, '0', false, NULL, '', 'p' || p, 'p' || p, NULL, '', '', '', '', 1, 1, '', '',
                './start.sh', '', 30, '', '/data/app', '[{"enable":true,"ip":"127.0.0.1","port":"8080","protocol":"1"}]', @now, @now
            FROM generate_series(1, @instances::bigint) AS i, generate_series(0, @per - 1) AS p
            """, instances, perInstance, biz, now);

        // Fresh ids must start after the data set.
        await ExecuteAsync(connection, """
            UPDATE id_sequences SET next_id = CASE name WHEN 'bk_process_id' THEN @instances::bigint * @per + 1 ELSE @instances::bigint + 1 END
            """, instances, perInstance, biz, now);
        await transaction.CommitAsync();
        await ExecuteAsync(connection, "ANALYZE", instances, perInstance, biz, now);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, int instances, int perInstance, long biz, long now)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("instances", instances);
        command.Parameters.AddWithValue("per", perInstance);
        command.Parameters.AddWithValue("biz", biz);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync();
    }
}
