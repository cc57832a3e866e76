using Microsoft.Extensions.Options;

namespace ProcOrleans.Gateway.Dashboard;

/// <summary>Refuses to start a node whose dashboard anyone who reaches the port could open.</summary>
public sealed class DashboardSettingsValidator(IHostEnvironment environment) : IValidateOptions<DashboardSettings>
{
    public ValidateOptionsResult Validate(string? name, DashboardSettings options)
    {
        if (!options.IsEnabled(environment))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var partial = string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password);
        if (partial || (!options.HasCredential && !environment.IsDevelopment()))
        {
            failures.Add("Dashboard:Enabled outside Development needs Dashboard:UserName and Dashboard:Password.");
        }

        if (!string.IsNullOrEmpty(options.Password) && options.Password.Length < DashboardSettings.MinPasswordLength)
        {
            failures.Add($"Dashboard:Password must be at least {DashboardSettings.MinPasswordLength} characters.");
        }

        if (options.UserName?.Contains(':', StringComparison.Ordinal) == true)
        {
            failures.Add("Dashboard:UserName cannot contain ':' (HTTP Basic separates user and password with it).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
