namespace ProcOrleans.Grains.Errors;

/// <summary>The action a caller lacked on a business, carried by a 9900403 answer.</summary>
[GenerateSerializer, Immutable, Alias("procorleans.MissingPermission")]
public sealed record MissingPermission(string ActionId, long BizId);
