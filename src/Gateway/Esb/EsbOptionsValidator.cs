using Microsoft.Extensions.Options;

namespace ProcOrleans.Gateway.Esb;

/// <summary>Refuses to start a node that nobody could call, or anybody could.</summary>
public sealed class EsbOptionsValidator : IValidateOptions<EsbOptions>
{
    public ValidateOptionsResult Validate(string? name, EsbOptions options)
    {
        var failures = new List<string>();
        if (options.Apps.Count == 0 && !options.AllowAnonymous)
        {
            failures.Add("No app is configured under Esb:Apps. Configure at least one { AppCode, AppSecret }, or set Esb:AllowAnonymous=true explicitly.");
        }

        foreach (var app in options.Apps)
        {
            if (string.IsNullOrWhiteSpace(app.AppCode) || string.IsNullOrEmpty(app.AppSecret))
            {
                failures.Add("Every entry of Esb:Apps needs a non-empty AppCode and AppSecret.");
            }
        }

        if (options.Apps.GroupBy(a => a.AppCode, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            failures.Add("Esb:Apps names an AppCode twice.");
        }

        if (options.MaxBodyBytes < 1024)
        {
            failures.Add("Esb:MaxBodyBytes must be at least 1024.");
        }

        if (options.DrainBodyBytes < options.MaxBodyBytes)
        {
            failures.Add("Esb:DrainBodyBytes must be at least Esb:MaxBodyBytes.");
        }

        if (options.MaxJsonDepth is < 4 or > 256)
        {
            failures.Add("Esb:MaxJsonDepth must be between 4 and 256.");
        }

        foreach (var (limit, value) in options.Limits.All())
        {
            if (value is < 1 or > 1_000_000)
            {
                failures.Add($"Esb:Limits:{limit} must be between 1 and 1000000.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
