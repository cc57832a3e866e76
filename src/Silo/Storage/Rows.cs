using System.Buffers;
using System.Data.Common;
using System.Text.Json;
using ProcOrleans.Grains.Processes;
using ProcOrleans.Grains.ServiceInstances;

namespace ProcOrleans.Silo.Storage;

/// <summary>The column lists of both tables and the mapping between rows and the domain records.</summary>
public static class Rows
{
    public const string InstanceColumns =
        "id, name, bk_biz_id, bk_module_id, bk_host_id, service_template_id, labels, creator, modifier, "
        + "create_time, last_time, bk_supplier_account, version";

    public const string ProcessColumns =
        "bk_process_id, service_instance_id, bk_biz_id, bk_host_id, process_template_id, bk_supplier_account, "
        + "auto_start, auto_time_gap, bk_func_id, bk_func_name, bk_process_name, bk_start_check_secs, "
        + "bk_start_param_regex, description, face_stop_cmd, pid_file, priority, proc_num, reload_cmd, restart_cmd, "
        + "start_cmd, stop_cmd, timeout, \"user\", work_path, bind_info, create_time, last_time";

    public const string ProcessValues =
        "@bk_process_id, @service_instance_id, @bk_biz_id, @bk_host_id, @process_template_id, @bk_supplier_account, "
        + "@auto_start, @auto_time_gap, @bk_func_id, @bk_func_name, @bk_process_name, @bk_start_check_secs, "
        + "@bk_start_param_regex, @description, @face_stop_cmd, @pid_file, @priority, @proc_num, @reload_cmd, @restart_cmd, "
        + "@start_cmd, @stop_cmd, @timeout, @user, @work_path, @bind_info, @create_time, @last_time";

    /// <summary>The <c>VALUES</c> row of process <paramref name="row"/> in a multi-row insert: the parameters of <see cref="ProcessValues"/> with the row's suffix.</summary>
    public static string ProcessValuesRow(int row) =>
        $"({string.Join(", ", ProcessValues.Split(", ").Select(name => name + RowSuffix(row)))})";

    /// <summary>What tells the parameters of one row of a multi-row statement from another's.</summary>
    public static string RowSuffix(int row) => row == 0 ? "" : $"_{row}";

    /// <summary>The attribute columns an update rewrites (replace semantics), with <c>last_time</c>.</summary>
    public const string ProcessUpdateAssignments =
        "auto_start = @auto_start, auto_time_gap = @auto_time_gap, bk_func_id = @bk_func_id, bk_func_name = @bk_func_name, "
        + "bk_process_name = @bk_process_name, bk_start_check_secs = @bk_start_check_secs, "
        + "bk_start_param_regex = @bk_start_param_regex, description = @description, face_stop_cmd = @face_stop_cmd, "
        + "pid_file = @pid_file, priority = @priority, proc_num = @proc_num, reload_cmd = @reload_cmd, "
        + "restart_cmd = @restart_cmd, start_cmd = @start_cmd, stop_cmd = @stop_cmd, timeout = @timeout, "
        + "\"user\" = @user, work_path = @work_path, bind_info = @bind_info, last_time = @last_time";

    public static ServiceInstance ReadInstance(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        reader.GetInt64(3),
        reader.GetInt64(4),
        reader.GetInt64(5),
        reader.IsDBNull(6) ? null : ParseLabels(reader.GetString(6)),
        reader.GetString(7),
        reader.GetString(8),
        CmdbTime.FromUnixMilliseconds(reader.GetInt64(9)),
        CmdbTime.FromUnixMilliseconds(reader.GetInt64(10)),
        reader.GetString(11));

    public static long ReadVersion(DbDataReader reader) => reader.GetInt64(12);

    public static ProcessInstance ReadProcess(DbDataReader reader)
    {
        var properties = new ProcessProperties
        {
            AutoStart = reader.IsDBNull(6) ? null : reader.GetBoolean(6),
            AutoTimeGap = NullableInt64(reader, 7),
            BkFuncId = NullableString(reader, 8),
            BkFuncName = NullableString(reader, 9),
            BkProcessName = NullableString(reader, 10),
            BkStartCheckSecs = NullableInt64(reader, 11),
            BkStartParamRegex = NullableString(reader, 12),
            Description = NullableString(reader, 13),
            FaceStopCmd = NullableString(reader, 14),
            PidFile = NullableString(reader, 15),
            Priority = NullableInt64(reader, 16),
            ProcNum = NullableInt64(reader, 17),
            ReloadCmd = NullableString(reader, 18),
            RestartCmd = NullableString(reader, 19),
            StartCmd = NullableString(reader, 20),
            StopCmd = NullableString(reader, 21),
            Timeout = NullableInt64(reader, 22),
            User = NullableString(reader, 23),
            WorkPath = NullableString(reader, 24),
            BindInfo = reader.IsDBNull(25) ? null : ParseBindInfo(reader.GetString(25)),
        };
        return new ProcessInstance(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.GetInt64(3),
            reader.GetInt64(4),
            reader.GetString(5),
            properties,
            CmdbTime.FromUnixMilliseconds(reader.GetInt64(26)),
            CmdbTime.FromUnixMilliseconds(reader.GetInt64(27)));
    }

    public static DbCommand WithInstance(this DbCommand command, ServiceInstance instance, long version) => command
        .With("@id", instance.Id)
        .With("@name", instance.Name)
        .With("@bk_biz_id", instance.BizId)
        .With("@bk_module_id", instance.ModuleId)
        .With("@bk_host_id", instance.HostId)
        .With("@service_template_id", instance.ServiceTemplateId)
        .With("@labels", instance.Labels is null ? null : JsonSerializer.Serialize(instance.Labels))
        .With("@creator", instance.Creator)
        .With("@modifier", instance.Modifier)
        .With("@create_time", CmdbTime.ToUnixMilliseconds(instance.CreateTime))
        .With("@last_time", CmdbTime.ToUnixMilliseconds(instance.LastTime))
        .With("@bk_supplier_account", instance.SupplierAccount)
        .With("@version", version);

    /// <summary>Binds <paramref name="process"/> to the parameters of <see cref="ProcessValues"/>, each name followed by <paramref name="suffix"/>.</summary>
    public static DbCommand WithProcess(this DbCommand command, ProcessInstance process, string suffix = "")
    {
        var p = process.Properties;
        return command
            .With("@bk_process_id" + suffix, process.ProcessId)
            .With("@service_instance_id" + suffix, process.ServiceInstanceId)
            .With("@bk_biz_id" + suffix, process.BizId)
            .With("@bk_host_id" + suffix, process.HostId)
            .With("@process_template_id" + suffix, process.ProcessTemplateId)
            .With("@bk_supplier_account" + suffix, process.SupplierAccount)
            .With("@auto_start" + suffix, p.AutoStart)
            .With("@auto_time_gap" + suffix, p.AutoTimeGap)
            .With("@bk_func_id" + suffix, p.BkFuncId)
            .With("@bk_func_name" + suffix, p.BkFuncName)
            .With("@bk_process_name" + suffix, p.BkProcessName)
            .With("@bk_start_check_secs" + suffix, p.BkStartCheckSecs)
            .With("@bk_start_param_regex" + suffix, p.BkStartParamRegex)
            .With("@description" + suffix, p.Description)
            .With("@face_stop_cmd" + suffix, p.FaceStopCmd)
            .With("@pid_file" + suffix, p.PidFile)
            .With("@priority" + suffix, p.Priority)
            .With("@proc_num" + suffix, p.ProcNum)
            .With("@reload_cmd" + suffix, p.ReloadCmd)
            .With("@restart_cmd" + suffix, p.RestartCmd)
            .With("@start_cmd" + suffix, p.StartCmd)
            .With("@stop_cmd" + suffix, p.StopCmd)
            .With("@timeout" + suffix, p.Timeout)
            .With("@user" + suffix, p.User)
            .With("@work_path" + suffix, p.WorkPath)
            .With("@bind_info" + suffix, p.BindInfo is null ? null : FormatBindInfo(p.BindInfo))
            .With("@create_time" + suffix, CmdbTime.ToUnixMilliseconds(process.CreateTime))
            .With("@last_time" + suffix, CmdbTime.ToUnixMilliseconds(process.LastTime));
    }

    /// <summary>Bind rows as JSON text, in the same shape the API answers.</summary>
    public static string FormatBindInfo(IReadOnlyList<BindInfoRow> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * (rows.Count + 1));
        using (var writer = new Utf8JsonWriter(buffer, ProcessJsonWriter.WriterOptions))
        {
            writer.WriteStartArray();
            ProcessJsonWriter.WriteBindRows(writer, rows);
            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<BindInfoRow> ParseBindInfo(string json)
    {
        using var document = JsonDocument.Parse(json);
        var rows = new List<BindInfoRow>(document.RootElement.GetArrayLength());
        foreach (var row in document.RootElement.EnumerateArray())
        {
            rows.Add(new BindInfoRow(
                row.TryGetProperty(ProcessKeys.BindIp, out var ip) && ip.ValueKind == JsonValueKind.String ? ip.GetString() : null,
                row.GetProperty(ProcessKeys.BindPort).GetString()!,
                row.GetProperty(ProcessKeys.BindProtocol).GetString()!,
                row.GetProperty(ProcessKeys.BindEnable).GetBoolean(),
                row.TryGetProperty(ProcessKeys.BindTemplateRowId, out var templateRowId) && templateRowId.ValueKind == JsonValueKind.Number
                    ? templateRowId.GetInt64()
                    : null));
        }

        return rows;
    }

    private static Dictionary<string, string> ParseLabels(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? NullableInt64(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
