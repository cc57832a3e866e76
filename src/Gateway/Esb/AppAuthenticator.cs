using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Gateway.Esb;

/// <summary>
/// Checks <c>bk_app_code</c> and <c>bk_app_secret</c>, from the <c>X-Bkapi-Authorization</c> header when it
/// is present, else from the body. Secrets are compared as SHA-256 digests in constant time, so neither
/// their content nor their length leaks through timing; they are never logged or echoed.
/// </summary>
public sealed class AppAuthenticator
{
    private static readonly byte[] NoSecret = SHA256.HashData("\0no app\0"u8);

    private readonly FrozenDictionary<string, byte[]> _secretDigests;
    private readonly bool _anonymous;

    public AppAuthenticator(IOptions<EsbOptions> options)
    {
        _secretDigests = options.Value.Apps.ToFrozenDictionary(
            a => a.AppCode, a => SHA256.HashData(Encoding.UTF8.GetBytes(a.AppSecret)), StringComparer.Ordinal);
        _anonymous = options.Value.AllowAnonymous;
    }

    /// <summary>
    /// A caller of a native route: credentials only from <c>X-Bkapi-Authorization</c> (no route is open
    /// without them), the user from <c>BK_User</c>, the supplier account from <c>HTTP_BK_SUPPLIER_ACCOUNT</c>.
    /// </summary>
    public EsbCaller AuthenticateNative(IHeaderDictionary headers)
    {
        var header = headers[EsbHeaders.Authorization];
        var credentials = header.Count > 0 ? ParseHeader(header.ToString()) : default;
        var appCode = Text(credentials, EsbFields.AppCode) ?? "";
        if (!(_anonymous && _secretDigests.Count == 0) && !SecretMatches(appCode, Text(credentials, EsbFields.AppSecret)))
        {
            throw new CmdbException(ErrorCodes.AppAuthFailed);
        }

        var user = NonEmpty(headers[EsbHeaders.User].ToString()) ?? Text(credentials, EsbFields.UserName) ?? "";
        var supplier = NonEmpty(headers[EsbHeaders.SupplierAccount].ToString()) ?? EsbFields.DefaultSupplierAccount;
        return new EsbCaller(appCode, user.Trim(), supplier.Trim());
    }

    /// <summary>The authenticated caller; 9900401 when the credentials do not match a configured app.</summary>
    public EsbCaller Authenticate(IHeaderDictionary headers, JsonElement body)
    {
        var header = headers[EsbHeaders.Authorization];
        var credentials = header.Count > 0 ? ParseHeader(header.ToString()) : body;

        var appCode = Text(credentials, EsbFields.AppCode) ?? "";
        var secret = Text(credentials, EsbFields.AppSecret);
        var user = Text(credentials, EsbFields.UserName) ?? Text(body, EsbFields.UserName) ?? headers[EsbHeaders.User].ToString();
        var supplier = Text(body, EsbFields.SupplierAccount)
            ?? Text(credentials, EsbFields.SupplierAccount)
            ?? NonEmpty(headers[EsbHeaders.SupplierAccount].ToString())
            ?? EsbFields.DefaultSupplierAccount;

        if (!(_anonymous && _secretDigests.Count == 0) && !SecretMatches(appCode, secret))
        {
            throw new CmdbException(ErrorCodes.AppAuthFailed);
        }

        return new EsbCaller(appCode, user.Trim(), supplier.Trim());
    }

    private bool SecretMatches(string appCode, string? secret)
    {
        var expected = _secretDigests.GetValueOrDefault(appCode);
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(secret ?? ""));

        // Compare even for an unknown app, so that an unknown app and a wrong secret take the same time.
        var equal = CryptographicOperations.FixedTimeEquals(given, expected ?? NoSecret);
        return equal && expected is not null && secret is not null;
    }

    private static JsonElement ParseHeader(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 4 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new CmdbException(ErrorCodes.AppAuthFailed);
        }
        catch (JsonException)
        {
            throw new CmdbException(ErrorCodes.AppAuthFailed);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
