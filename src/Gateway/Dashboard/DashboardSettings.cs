namespace ProcOrleans.Gateway.Dashboard;

/// <summary>The Orleans dashboard at <c>/dashboard</c> (<c>Dashboard</c> section), on nodes that co-host a silo.</summary>
public sealed class DashboardSettings
{
    public const string SectionName = "Dashboard";

    /// <summary>Shortest password accepted: the page shows every grain type and silo of the cluster.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>Serve the dashboard. Unset: on in Development, off elsewhere.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The user name of the dashboard's HTTP Basic credential; required outside Development.</summary>
    public string? UserName { get; set; }

    /// <summary>The password of that credential. Compared in constant time, never logged.</summary>
    public string? Password { get; set; }

    public bool HasCredential => !string.IsNullOrEmpty(UserName) && !string.IsNullOrEmpty(Password);

    public bool IsEnabled(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();
}
