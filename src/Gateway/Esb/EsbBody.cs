using System.Text.Json;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Gateway.Esb;

/// <summary>
/// Reads the typed top-level fields of a request body. A field of the wrong JSON type is 1199000 (API.md
/// check 1); a number that is not a 64-bit integer is 1199009; null counts as absent.
/// </summary>
public readonly struct EsbBody(JsonElement root)
{
    public JsonElement Root { get; } = root;

    /// <summary>The integer field, or null when absent or null.</summary>
    public long? Int64(string name)
    {
        if (!Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new CmdbException(ErrorCodes.JsonDecode);
        }

        return value.TryGetInt64(out var number) ? number : throw new CmdbException(ErrorCodes.NotInteger, name);
    }

    /// <summary>The string field, trimmed, or null when absent or null.</summary>
    public string? String(string name)
    {
        if (!Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Trim()
            : throw new CmdbException(ErrorCodes.JsonDecode);
    }

    /// <summary>The array field, or null when absent or null.</summary>
    public JsonElement? Array(string name) => Typed(name, JsonValueKind.Array);

    /// <summary>The object field, or null when absent or null.</summary>
    public JsonElement? Object(string name) => Typed(name, JsonValueKind.Object);

    /// <summary>An array of integers (each element must be a 64-bit integer), or null when absent or null.</summary>
    public long[]? Int64Array(string name, int maxLength, string limitSubject)
    {
        if (Array(name) is not { } array)
        {
            return null;
        }

        var length = array.GetArrayLength();
        if (length > maxLength)
        {
            throw new CmdbException(ErrorCodes.ExceedLimit, limitSubject, maxLength);
        }

        var values = new long[length];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                throw new CmdbException(ErrorCodes.JsonDecode);
            }

            values[i++] = item.TryGetInt64(out var number) ? number : throw new CmdbException(ErrorCodes.NotInteger, name);
        }

        return values;
    }

    private JsonElement? Typed(string name, JsonValueKind kind)
    {
        if (!Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == kind ? value : throw new CmdbException(ErrorCodes.JsonDecode);
    }
}
