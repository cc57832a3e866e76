using System.Text;
using System.Text.RegularExpressions;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Grains.ServiceInstances;

/// <summary>bk-cmdb's label rules (TEMPLATES.md "Labels and reads"): keys and values under 64 bytes, of these patterns.</summary>
public static partial class ServiceInstanceLabels
{
    public const int MaxBytes = 63;

    /// <summary>Throws 1199006 <c>'label.&lt;key&gt;'</c> or <c>'label.&lt;key&gt;:&lt;value&gt;'</c> for the first pair that breaks a rule, in input order.</summary>
    public static void Validate(IEnumerable<KeyValuePair<string, string>> labels)
    {
        foreach (var (key, value) in labels)
        {
            if (Encoding.UTF8.GetByteCount(key) > MaxBytes || !Key().IsMatch(key))
            {
                throw new CmdbException(ErrorCodes.ParamInvalid, $"label.{key}");
            }

            if (Encoding.UTF8.GetByteCount(value) > MaxBytes || !Value().IsMatch(value))
            {
                throw new CmdbException(ErrorCodes.ParamInvalid, $"label.{key}:{value}");
            }
        }
    }

    /// <summary>The labels once <paramref name="added"/> are merged in (a key given again is overwritten).</summary>
    public static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string>? current, IReadOnlyDictionary<string, string> added)
    {
        var merged = current is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in added)
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>The labels without <paramref name="keys"/>; null when there were none.</summary>
    public static IReadOnlyDictionary<string, string>? Remove(IReadOnlyDictionary<string, string>? current, IReadOnlyCollection<string> keys) =>
        current?.Where(l => !keys.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^[a-zA-Z]([a-z0-9A-Z\-_.]*[a-z0-9A-Z])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Key();

    [GeneratedRegex(@"^[a-z0-9A-Z]([a-z0-9A-Z\-_.]*[a-z0-9A-Z])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Value();
}
