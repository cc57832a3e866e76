namespace ProcOrleans.Grains.Errors;

/// <summary>
/// The action a caller lacked, carried by a 9900403 answer: on a business, or on one resource of it
/// (<paramref name="ResourceType"/>, e.g. <c>biz_process_service_template</c>, with its id).
/// </summary>
[GenerateSerializer, Immutable, Alias("procorleans.MissingPermission")]
public sealed record MissingPermission(string ActionId, long BizId, string? ResourceType = null, long ResourceId = 0);
