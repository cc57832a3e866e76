using System.Text.RegularExpressions;
using ProcOrleans.Grains.Errors;

namespace ProcOrleans.Gateway.Tests.Esb;

/// <summary>Operators look codes up in the README: every code the service can answer must be there.</summary>
public sealed partial class ErrorTableTests
{
    [Fact]
    public void Every_code_is_in_the_readme_error_table_with_its_english_message()
    {
        var readme = File.ReadAllText(FindReadme());
        var rows = TableRow().Matches(readme).ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[2].Value);

        foreach (var code in ErrorMessages.KnownCodes.Where(c => c != ErrorCodes.Success))
        {
            Assert.True(rows.ContainsKey(code), $"README's error table lacks {code}");
            var english = ErrorMessages.Format(code, ErrorMessages.English, ["%s", "%d"]);
            Assert.Contains(english.Replace("'%s'", "", StringComparison.Ordinal).Split("%s")[0].Trim(' ', '\''), rows[code], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_code_has_both_languages_and_the_code_does_not_change_with_language()
    {
        foreach (var code in ErrorMessages.KnownCodes)
        {
            var english = ErrorMessages.Format(code, ErrorMessages.English, ["x", 1]);
            var chinese = ErrorMessages.Format(code, ErrorMessages.Chinese, ["x", 1]);
            Assert.False(string.IsNullOrWhiteSpace(english));
            Assert.False(string.IsNullOrWhiteSpace(chinese));
            if (code != ErrorCodes.Success)
            {
                Assert.NotEqual(english, chinese);
            }
        }
    }

    private static string FindReadme()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "ProcOrleans.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("README.md of the repository was not found above the test binaries.");
    }

    [GeneratedRegex(@"^\|\s*(\d{7})\s*\|([^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
