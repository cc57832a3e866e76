namespace ProcOrleans.Gateway.Esb;

/// <summary>Endpoint metadata: which API an endpoint serves, whatever its route (for logs and metrics).</summary>
public sealed record EsbApi(string Name);
