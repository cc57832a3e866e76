using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ProcOrleans.Grains.Processes;

/// <summary>Validates <c>bind_info</c> rows: only the five known keys, each with API.md's rule.</summary>
internal static class BindInfoParser
{
    private const int MaxPort = 65535;

    /// <summary>The rows, or null when anything about them is wrong (all of it is one code).</summary>
    public static IReadOnlyList<BindInfoRow>? TryParse(JsonElement value, int maxRows)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maxRows)
        {
            return null;
        }

        var rows = new List<BindInfoRow>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (TryParseRow(item) is not { } row)
            {
                return null;
            }

            rows.Add(row);
        }

        return rows;
    }

    private static BindInfoRow? TryParseRow(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? ip = null;
        string? port = null;
        string? protocol = null;
        bool? enable = null;
        long? templateRowId = null;
        foreach (var field in item.EnumerateObject())
        {
            var ok = field.Name switch
            {
                ProcessKeys.BindIp => TryReadIp(field.Value, out ip),
                ProcessKeys.BindPort => TryReadPort(field.Value, out port),
                ProcessKeys.BindProtocol => TryReadProtocol(field.Value, out protocol),
                ProcessKeys.BindEnable => TryReadBool(field.Value, out enable),
                ProcessKeys.BindTemplateRowId => TryReadTemplateRowId(field.Value, out templateRowId),
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return port is null || protocol is null || enable is null
            ? null
            : new BindInfoRow(ip, port, protocol, enable.Value, templateRowId);
    }

    private static bool TryReadIp(JsonElement value, out string? ip)
    {
        ip = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        ip = value.GetString()!.Trim();
        return ip.Length == 0 || IsIpLiteral(ip);
    }

    /// <summary>
    /// A literal IPv4 (four decimal octets, no leading zeros) or IPv6 address (no zone). Stricter than
    /// <see cref="IPAddress.TryParse(string, out IPAddress)"/>, which also takes "1" or "0x7f.1".
    /// </summary>
    internal static bool IsIpLiteral(string text)
    {
        if (text.Contains(':'))
        {
            return !text.Contains('%')
                && IPAddress.TryParse(text, out var v6)
                && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit)
                || int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadPort(JsonElement value, out string? port)
    {
        port = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var text = value.GetString()!.Trim();
        var dash = text.IndexOf('-');
        var ok = dash < 0
            ? TryParsePortNumber(text, out _)
            : TryParsePortNumber(text[..dash], out var first)
                && TryParsePortNumber(text[(dash + 1)..], out var last)
                && first <= last;
        port = ok ? text : null;
        return ok;
    }

    private static bool TryParsePortNumber(string text, out int port)
    {
        port = 0;
        return text.Length is > 0 and <= 5
            && text[0] != '0'
            && text.All(char.IsAsciiDigit)
            && (port = int.Parse(text, CultureInfo.InvariantCulture)) <= MaxPort;
    }

    private static bool TryReadProtocol(JsonElement value, out string? protocol)
    {
        protocol = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        return protocol is "1" or "2" or "3" or "4";
    }

    private static bool TryReadBool(JsonElement value, out bool? enable)
    {
        enable = value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        return enable is not null;
    }

    private static bool TryReadTemplateRowId(JsonElement value, out long? templateRowId)
    {
        templateRowId = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (!ProcessInputParser.TryGetInteger(value, out var number))
        {
            return false;
        }

        templateRowId = number;
        return true;
    }
}
