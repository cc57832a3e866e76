namespace ProcOrleans.Grains.Processes;

/// <summary>
/// The caller-settable attributes of a process, trimmed and validated. Absent keys hold their defaults
/// (strings <c>""</c>, ints <c>null</c>, <c>auto_start</c> false, <c>bind_info</c> null); an explicit
/// JSON null is kept as null.
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Immutable, Alias("procorleans.ProcessProperties")]
public sealed record ProcessProperties
{
    public bool? AutoStart { get; init; } = false;
    public long? AutoTimeGap { get; init; }
    public string? BkFuncId { get; init; } = "";
    public string? BkFuncName { get; init; } = "";
    public string? BkProcessName { get; init; } = "";
    public long? BkStartCheckSecs { get; init; }
    public string? BkStartParamRegex { get; init; } = "";
    public string? Description { get; init; } = "";
    public string? FaceStopCmd { get; init; } = "";
    public string? PidFile { get; init; } = "";
    public long? Priority { get; init; }
    public long? ProcNum { get; init; }
    public string? ReloadCmd { get; init; } = "";
    public string? RestartCmd { get; init; } = "";
    public string? StartCmd { get; init; } = "";
    public string? StopCmd { get; init; } = "";
    public long? Timeout { get; init; }
    public string? User { get; init; } = "";
    public string? WorkPath { get; init; } = "";
    public IReadOnlyList<BindInfoRow>? BindInfo { get; init; }

    /// <summary>The <c>bk_start_param_regex</c> as the uniqueness rule sees it: null counts as "".</summary>
    public string UniqueStartParamRegex => BkStartParamRegex ?? "";

    /// <summary>Value equality including the bind rows (records compare lists by reference).</summary>
    public bool SameAs(ProcessProperties other) =>
        this with { BindInfo = null } == other with { BindInfo = null }
        && (BindInfo is null ? other.BindInfo is null : other.BindInfo is not null && BindInfo.SequenceEqual(other.BindInfo));
}
