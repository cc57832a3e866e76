namespace ProcOrleans.Grains.Storage;

/// <summary>Which service instances a listing covers; every set filter must match.</summary>
/// <param name="BizId">Always required: a listing never crosses businesses.</param>
/// <param name="ModuleId">Only instances of this module, when set.</param>
/// <param name="HostIds">Only instances on these hosts, when set.</param>
/// <param name="SearchKey">Only instances whose name contains this text, when set.</param>
/// <param name="ServiceInstanceIds">Only these instances, when set.</param>
[GenerateSerializer, Immutable, Alias("procorleans.ServiceInstanceFilter")]
public sealed record ServiceInstanceFilter(
    long BizId,
    long? ModuleId = null,
    IReadOnlyList<long>? HostIds = null,
    string? SearchKey = null,
    IReadOnlyList<long>? ServiceInstanceIds = null);
