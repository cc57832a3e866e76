namespace ProcOrleans.Gateway.Native;

/// <summary>
/// Endpoint metadata of the cmdb-apiserver routes: answers use the native envelope
/// <c>{result, bk_error_code, bk_error_msg, permission, data}</c> and callers authenticate by header only.
/// </summary>
public sealed class NativeEnvelope
{
    private const string ItemKey = "procorleans.native";

    public static NativeEnvelope Instance { get; } = new();

    private NativeEnvelope()
    {
    }

    /// <summary>Whether the current request came in on a native route.</summary>
    public static bool IsNative(HttpContext context) => context.Items.ContainsKey(ItemKey);

    /// <summary>Marks the request as native for its whole life (see <c>EsbRequestLog.RememberEndpointAsync</c>).</summary>
    public static void Mark(HttpContext context) => context.Items[ItemKey] = true;
}
