using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ProcOrleans.Gateway.Dashboard;

/// <summary>
/// HTTP Basic authentication of the dashboard's pages and data, when a credential is configured. Both
/// parts are compared in constant time over their SHA-256 digests, so neither content nor length leaks.
/// </summary>
internal sealed class DashboardCredential(IOptions<DashboardSettings> settings) : IEndpointFilter
{
    private const string Challenge = "Basic realm=\"Orleans dashboard\", charset=\"UTF-8\"";

    private readonly byte[]? _user = Digest(settings.Value.UserName);
    private readonly byte[]? _password = Digest(settings.Value.Password);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_user is null || _password is null || Accepts(context.HttpContext.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = Challenge;
        return ValueTask.FromResult<object?>(Results.Text("The dashboard needs its credential.", statusCode: StatusCodes.Status401Unauthorized));
    }

    private bool Accepts(string header)
    {
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        // Both compared every time: no early exit tells which part was wrong.
        var userMatches = CryptographicOperations.FixedTimeEquals(Digest(decoded[..colon]), _user);
        var passwordMatches = CryptographicOperations.FixedTimeEquals(Digest(decoded[(colon + 1)..]), _password);
        return userMatches & passwordMatches;
    }

    private static byte[]? Digest(string? value) =>
        string.IsNullOrEmpty(value) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
