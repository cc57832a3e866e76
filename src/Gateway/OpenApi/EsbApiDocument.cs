namespace ProcOrleans.Gateway.OpenApi;

/// <summary>What the OpenAPI document says of one API: its purpose, body, error codes and examples.</summary>
public sealed record EsbApiDocument(
    string Summary,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<int> ErrorCodes,
    string? RequestExample = null,
    string? ResponseExample = null);
