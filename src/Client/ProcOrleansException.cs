using System.Text.Json;

namespace ProcOrleans.Client;

/// <summary>The service answered a business error: its code, message, request id and, for 9900403, what permission is missing.</summary>
public sealed class ProcOrleansException(int code, string message, string? requestId, JsonElement? permission)
    : Exception($"{code}: {message} (request_id {requestId})")
{
    public int Code { get; } = code;

    /// <summary>The message as the service wrote it (in the configured language).</summary>
    public string ServiceMessage { get; } = message;

    public string? RequestId { get; } = requestId;

    public JsonElement? Permission { get; } = permission;
}
