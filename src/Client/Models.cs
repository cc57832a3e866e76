using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProcOrleans.Client;

/// <summary>One bind row of a process.</summary>
public sealed record BindInfo(
    [property: JsonPropertyName("port")] string Port,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("enable")] bool Enable,
    [property: JsonPropertyName("ip")] string? Ip = null,
    [property: JsonPropertyName("template_row_id")] long? TemplateRowId = null);

/// <summary>
/// A process's attributes as sent on create and update (null members are left out, so they take their
/// defaults) and as answered in <c>property</c> objects.
/// </summary>
public sealed record ProcessInfo
{
    [JsonPropertyName("bk_process_id")] public long? ProcessId { get; init; }
    [JsonPropertyName("bk_process_name")] public string? ProcessName { get; init; }
    [JsonPropertyName("bk_func_name")] public string? FuncName { get; init; }
    [JsonPropertyName("bk_func_id")] public string? FuncId { get; init; }
    [JsonPropertyName("bk_start_param_regex")] public string? StartParamRegex { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
    [JsonPropertyName("work_path")] public string? WorkPath { get; init; }
    [JsonPropertyName("start_cmd")] public string? StartCmd { get; init; }
    [JsonPropertyName("stop_cmd")] public string? StopCmd { get; init; }
    [JsonPropertyName("restart_cmd")] public string? RestartCmd { get; init; }
    [JsonPropertyName("face_stop_cmd")] public string? FaceStopCmd { get; init; }
    [JsonPropertyName("reload_cmd")] public string? ReloadCmd { get; init; }
    [JsonPropertyName("pid_file")] public string? PidFile { get; init; }
    [JsonPropertyName("proc_num")] public long? ProcNum { get; init; }
    [JsonPropertyName("priority")] public long? Priority { get; init; }
    [JsonPropertyName("timeout")] public long? Timeout { get; init; }
    [JsonPropertyName("auto_time_gap")] public long? AutoTimeGap { get; init; }
    [JsonPropertyName("bk_start_check_secs")] public long? StartCheckSecs { get; init; }
    [JsonPropertyName("auto_start")] public bool? AutoStart { get; init; }
    [JsonPropertyName("bind_info")] public IReadOnlyList<BindInfo>? BindInfo { get; init; }

    // Server-owned: answered, never sent.
    [JsonPropertyName("bk_biz_id")] public long? BizId { get; init; }
    [JsonPropertyName("service_instance_id")] public long? ServiceInstanceId { get; init; }
    [JsonPropertyName("bk_supplier_account")] public string? SupplierAccount { get; init; }
    [JsonPropertyName("create_time")] public DateTimeOffset? CreateTime { get; init; }
    [JsonPropertyName("last_time")] public DateTimeOffset? LastTime { get; init; }
}

/// <summary>Where a process belongs.</summary>
public sealed record ProcessRelation(
    [property: JsonPropertyName("bk_biz_id")] long BizId,
    [property: JsonPropertyName("bk_process_id")] long ProcessId,
    [property: JsonPropertyName("service_instance_id")] long ServiceInstanceId,
    [property: JsonPropertyName("process_template_id")] long ProcessTemplateId,
    [property: JsonPropertyName("bk_host_id")] long HostId,
    [property: JsonPropertyName("bk_supplier_account")] string SupplierAccount);

/// <summary>An item of <c>list_process_instance</c>.</summary>
public sealed record ProcessInstance(
    [property: JsonPropertyName("property")] ProcessInfo Property,
    [property: JsonPropertyName("relation")] ProcessRelation Relation);

/// <summary>An item of <c>list_service_instance_detail</c>'s <c>process_instances</c>.</summary>
public sealed record ProcessWithRelation(
    [property: JsonPropertyName("process")] ProcessInfo Process,
    [property: JsonPropertyName("relation")] ProcessRelation Relation);

/// <summary>A service instance record (with its processes in detail listings).</summary>
public sealed record ServiceInstance
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("bk_biz_id")] public long BizId { get; init; }
    [JsonPropertyName("bk_module_id")] public long ModuleId { get; init; }
    [JsonPropertyName("bk_host_id")] public long HostId { get; init; }
    [JsonPropertyName("service_template_id")] public long ServiceTemplateId { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("creator")] public string Creator { get; init; } = "";
    [JsonPropertyName("modifier")] public string Modifier { get; init; } = "";
    [JsonPropertyName("create_time")] public DateTimeOffset CreateTime { get; init; }
    [JsonPropertyName("last_time")] public DateTimeOffset LastTime { get; init; }
    [JsonPropertyName("bk_supplier_account")] public string SupplierAccount { get; init; } = "";
    [JsonPropertyName("process_instances")] public IReadOnlyList<ProcessWithRelation>? ProcessInstances { get; init; }
}

/// <summary>A page of service instances and the total the filter matches.</summary>
public sealed record ServiceInstancePage(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("info")] IReadOnlyList<ServiceInstance> Info);

/// <summary>One instance of a <c>create_service_instance</c> call.</summary>
public sealed record NewServiceInstance(long HostId, string? Name = null, IReadOnlyList<ProcessInfo>? Processes = null);

/// <summary>Paging of the listings; <paramref name="Sort"/> is <c>id</c>, <c>name</c> or <c>create_time</c>, <c>-</c> for descending.</summary>
public sealed record Page(
    [property: JsonPropertyName("start")] int Start = 0,
    [property: JsonPropertyName("limit")] int Limit = 100,
    [property: JsonPropertyName("sort")] string? Sort = null);

/// <summary>The filters of the service instance listings.</summary>
public sealed record ServiceInstanceQuery(
    long BizId,
    long? ModuleId = null,
    IReadOnlyList<long>? HostIds = null,
    string? SearchKey = null,
    IReadOnlyList<long>? ServiceInstanceIds = null,
    Page? Page = null);

/// <summary>The ESB envelope.</summary>
internal sealed record Envelope<T>(
    [property: JsonPropertyName("result")] bool Result,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("permission")] JsonElement? Permission,
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("data")] T? Data);
