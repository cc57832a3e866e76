using System.Text;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Grains.ServiceCategories;

/// <summary>
/// bk-cmdb's rule for category names: 1..128 characters of <c>^([\w\p{Han}]|[:\-\(\)])+$</c>. Its <c>\w</c> is
/// RE2's, ASCII only; .NET has no script classes, so Han is checked by code point ranges.
/// </summary>
public static class ServiceCategoryName
{
    public const int MaxCharacters = 128;

    /// <summary>The name, or 1199006 <c>'name'</c>.</summary>
    public static string Validate(string? name)
    {
        if (string.IsNullOrEmpty(name) || !IsValid(name))
        {
            throw new CmdbException(ErrorCodes.ParamInvalid, "name");
        }

        return name;
    }

    private static bool IsValid(string name)
    {
        var count = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            if (++count > MaxCharacters || !Allowed(rune))
            {
                return false;
            }
        }

        return count > 0;
    }

    private static bool Allowed(Rune rune) =>
        rune.IsAscii
            ? char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '_' or ':' or '-' or '(' or ')'
            : IsHan(rune.Value);

    // The Unicode Han script: the unified ideograph blocks and their extensions, the compatibility
    // ideographs, the radicals, and the few Han signs of the CJK symbols block.
    private static bool IsHan(int c) =>
        c is (>= 0x2E80 and <= 0x2E99) or (>= 0x2E9B and <= 0x2EF3) or (>= 0x2F00 and <= 0x2FD5)
            or 0x3005 or 0x3007 or (>= 0x3021 and <= 0x3029) or (>= 0x3038 and <= 0x303B)
            or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFA6D)
            or (>= 0xFA70 and <= 0xFAD9) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2EBE0)
            or (>= 0x2F800 and <= 0x2FA1D) or (>= 0x30000 and <= 0x323AF);
}
