using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Grains.ServiceTemplates;

/// <summary>bk-cmdb's rule for template names: trimmed, 1..256 characters, none of <c>\ | / : * , &lt; &gt; " ? #</c> and no whitespace.</summary>
public static class ServiceTemplateName
{
    public const int MaxCharacters = 256;

    private static readonly char[] Forbidden = ['\\', '|', '/', ':', '*', ',', '<', '>', '"', '?', '#'];

    /// <summary>The trimmed name, or 1199006 <c>'name'</c>.</summary>
    public static string Validate(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        var characters = 0;
        foreach (var rune in trimmed.EnumerateRunes())
        {
            if (++characters > MaxCharacters || System.Text.Rune.IsWhiteSpace(rune)
                || (rune.IsAscii && Array.IndexOf(Forbidden, (char)rune.Value) >= 0))
            {
                throw new CmdbException(ErrorCodes.ParamInvalid, "name");
            }
        }

        return characters == 0 ? throw new CmdbException(ErrorCodes.ParamInvalid, "name") : trimmed;
    }
}
