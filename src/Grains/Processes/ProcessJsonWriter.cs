using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProcOrleans.Grains.Processes;

/// <summary>
/// Writes processes as bk-cmdb answers them: <c>property</c> keys in sorted order (bk-cmdb marshals a map),
/// <c>relation</c> keys in its struct order, times in the configured zone.
/// </summary>
public sealed class ProcessJsonWriter(TimeZoneInfo zone)
{
    /// <summary>
    /// Non-ASCII text (Chinese names, commands) is written as is, as bk-cmdb does; JSON's own escapes still
    /// apply, and answers are never embedded in HTML.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>One item of <c>list_process_instance</c>: <c>{"property": {...}, "relation": {...}}</c>.</summary>
    public void WriteListItem(Utf8JsonWriter writer, ProcessInstance process)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("property");
        WriteProperty(writer, process);
        writer.WritePropertyName("relation");
        WriteRelation(writer, process);
        writer.WriteEndObject();
    }

    /// <summary>The <c>property</c> object: every attribute key, server-owned ones included.</summary>
    public void WriteProperty(Utf8JsonWriter writer, ProcessInstance process, IReadOnlySet<string>? fields = null)
    {
        var p = process.Properties;
        writer.WriteStartObject();
        if (Wanted(fields, ProcessKeys.AutoStart)) WriteBool(writer, ProcessKeys.AutoStart, p.AutoStart);
        if (Wanted(fields, ProcessKeys.AutoTimeGap)) WriteInt(writer, ProcessKeys.AutoTimeGap, p.AutoTimeGap);
        if (Wanted(fields, ProcessKeys.BindInfo)) WriteBindInfo(writer, p.BindInfo);
        if (Wanted(fields, ProcessKeys.BizId)) writer.WriteNumber(ProcessKeys.BizId, process.BizId);
        if (Wanted(fields, ProcessKeys.FuncId)) WriteString(writer, ProcessKeys.FuncId, p.BkFuncId);
        if (Wanted(fields, ProcessKeys.FuncName)) WriteString(writer, ProcessKeys.FuncName, p.BkFuncName);
        if (Wanted(fields, ProcessKeys.ProcessId)) writer.WriteNumber(ProcessKeys.ProcessId, process.ProcessId);
        if (Wanted(fields, ProcessKeys.ProcessName)) WriteString(writer, ProcessKeys.ProcessName, p.BkProcessName);
        if (Wanted(fields, ProcessKeys.StartCheckSecs)) WriteInt(writer, ProcessKeys.StartCheckSecs, p.BkStartCheckSecs);
        if (Wanted(fields, ProcessKeys.StartParamRegex)) WriteString(writer, ProcessKeys.StartParamRegex, p.BkStartParamRegex);
        if (Wanted(fields, ProcessKeys.SupplierAccount)) writer.WriteString(ProcessKeys.SupplierAccount, process.SupplierAccount);
        if (Wanted(fields, ProcessKeys.CreateTime)) writer.WriteString(ProcessKeys.CreateTime, CmdbTime.Format(process.CreateTime, Zone));
        if (Wanted(fields, ProcessKeys.Description)) WriteString(writer, ProcessKeys.Description, p.Description);
        if (Wanted(fields, ProcessKeys.FaceStopCmd)) WriteString(writer, ProcessKeys.FaceStopCmd, p.FaceStopCmd);
        if (Wanted(fields, ProcessKeys.LastTime)) writer.WriteString(ProcessKeys.LastTime, CmdbTime.Format(process.LastTime, Zone));
        if (Wanted(fields, ProcessKeys.PidFile)) WriteString(writer, ProcessKeys.PidFile, p.PidFile);
        if (Wanted(fields, ProcessKeys.Priority)) WriteInt(writer, ProcessKeys.Priority, p.Priority);
        if (Wanted(fields, ProcessKeys.ProcNum)) WriteInt(writer, ProcessKeys.ProcNum, p.ProcNum);
        if (Wanted(fields, ProcessKeys.ReloadCmd)) WriteString(writer, ProcessKeys.ReloadCmd, p.ReloadCmd);
        if (Wanted(fields, ProcessKeys.RestartCmd)) WriteString(writer, ProcessKeys.RestartCmd, p.RestartCmd);
        if (Wanted(fields, ProcessKeys.ServiceInstanceId)) writer.WriteNumber(ProcessKeys.ServiceInstanceId, process.ServiceInstanceId);
        if (Wanted(fields, ProcessKeys.StartCmd)) WriteString(writer, ProcessKeys.StartCmd, p.StartCmd);
        if (Wanted(fields, ProcessKeys.StopCmd)) WriteString(writer, ProcessKeys.StopCmd, p.StopCmd);
        if (Wanted(fields, ProcessKeys.Timeout)) WriteInt(writer, ProcessKeys.Timeout, p.Timeout);
        if (Wanted(fields, ProcessKeys.User)) WriteString(writer, ProcessKeys.User, p.User);
        if (Wanted(fields, ProcessKeys.WorkPath)) WriteString(writer, ProcessKeys.WorkPath, p.WorkPath);
        writer.WriteEndObject();
    }

    /// <summary>The <c>relation</c> object, in bk-cmdb's field order.</summary>
    public static void WriteRelation(Utf8JsonWriter writer, ProcessInstance process)
    {
        writer.WriteStartObject();
        writer.WriteNumber(ProcessKeys.BizId, process.BizId);
        writer.WriteNumber(ProcessKeys.ProcessId, process.ProcessId);
        writer.WriteNumber(ProcessKeys.ServiceInstanceId, process.ServiceInstanceId);
        writer.WriteNumber(ProcessKeys.ProcessTemplateId, process.ProcessTemplateId);
        writer.WriteNumber(ProcessKeys.HostId, process.HostId);
        writer.WriteString(ProcessKeys.SupplierAccount, process.SupplierAccount);
        writer.WriteEndObject();
    }

    /// <summary>Bind rows as stored and answered: <c>template_row_id</c> only when set.</summary>
    public static void WriteBindInfo(Utf8JsonWriter writer, IReadOnlyList<BindInfoRow>? rows)
    {
        if (rows is null)
        {
            writer.WriteNull(ProcessKeys.BindInfo);
            return;
        }

        writer.WriteStartArray(ProcessKeys.BindInfo);
        WriteBindRows(writer, rows);
        writer.WriteEndArray();
    }

    /// <summary>The rows alone, as the elements of an array already started.</summary>
    public static void WriteBindRows(Utf8JsonWriter writer, IReadOnlyList<BindInfoRow> rows)
    {
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteBoolean(ProcessKeys.BindEnable, row.Enable);
            WriteString(writer, ProcessKeys.BindIp, row.Ip);
            writer.WriteString(ProcessKeys.BindPort, row.Port);
            writer.WriteString(ProcessKeys.BindProtocol, row.Protocol);
            if (row.TemplateRowId is { } templateRowId)
            {
                writer.WriteNumber(ProcessKeys.BindTemplateRowId, templateRowId);
            }

            writer.WriteEndObject();
        }
    }

    private static bool Wanted(IReadOnlySet<string>? fields, string key) => fields is null || fields.Contains(key);

    private static void WriteString(Utf8JsonWriter writer, string key, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(key);
        }
        else
        {
            writer.WriteString(key, value);
        }
    }

    private static void WriteInt(Utf8JsonWriter writer, string key, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(key, number);
        }
        else
        {
            writer.WriteNull(key);
        }
    }

    private static void WriteBool(Utf8JsonWriter writer, string key, bool? value)
    {
        if (value is { } flag)
        {
            writer.WriteBoolean(key, flag);
        }
        else
        {
            writer.WriteNull(key);
        }
    }
}
