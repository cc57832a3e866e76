using ProcOrleans.Grains.Processes;

namespace ProcOrleans.Gateway.Esb;

/// <summary>The sizes a request may have (<c>Esb:Limits</c>); the defaults are API.md's and bk-cmdb's.</summary>
public sealed class EsbLimits
{
    /// <summary>Processes per create or update call.</summary>
    public int ProcessesPerCall { get; set; } = 100;

    /// <summary>Service instances per create call.</summary>
    public int InstancesPerCall { get; set; } = 100;

    /// <summary>Ids per delete call and per id lookup.</summary>
    public int IdsPerCall { get; set; } = 500;

    /// <summary>Entries of a <c>bk_host_ids</c> or <c>service_instance_ids</c> filter.</summary>
    public int FilterIdsPerCall { get; set; } = 1000;

    /// <summary>Largest page of <c>list_service_instance</c>.</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>Largest page of <c>list_service_instance_detail</c>.</summary>
    public int DetailPageSize { get; set; } = 1000;

    /// <summary>Names, function id, description, user: UTF-8 bytes after trimming.</summary>
    public int ShortStringBytes { get; set; } = ProcessLimits.Default.ShortStringBytes;

    /// <summary>Paths, commands, the start parameter regex.</summary>
    public int LongStringBytes { get; set; } = ProcessLimits.Default.LongStringBytes;

    /// <summary>Rows of one process's <c>bind_info</c>.</summary>
    public int BindRowsPerProcess { get; set; } = ProcessLimits.Default.BindRowsPerProcess;

    private ProcessLimits? _processLimits;

    /// <summary>The attribute limits as the parser takes them; built once, after configuration is bound.</summary>
    public ProcessLimits ProcessLimits => _processLimits ??= new(ShortStringBytes, LongStringBytes, BindRowsPerProcess);

    /// <summary>Each limit, for validation.</summary>
    public IEnumerable<(string Name, int Value)> All() =>
    [
        (nameof(ProcessesPerCall), ProcessesPerCall), (nameof(InstancesPerCall), InstancesPerCall),
        (nameof(IdsPerCall), IdsPerCall), (nameof(FilterIdsPerCall), FilterIdsPerCall),
        (nameof(ListPageSize), ListPageSize), (nameof(DetailPageSize), DetailPageSize),
        (nameof(ShortStringBytes), ShortStringBytes), (nameof(LongStringBytes), LongStringBytes),
        (nameof(BindRowsPerProcess), BindRowsPerProcess),
    ];
}
