namespace ProcOrleans.TestingHost;

/// <summary>How a <see cref="ProcOrleansTestCluster"/> is built.</summary>
public sealed class ProcOrleansTestClusterOptions
{
    /// <summary>Nodes started at once: each a silo with its own HTTP gateway.</summary>
    public int NodeCount { get; set; } = 3;

    /// <summary>
    /// <c>Postgres</c> (a cluster on PostgreSQL, with Orleans' ADO.NET membership) or <c>Sqlite</c> (one node
    /// on a file of its own).
    /// </summary>
    public string Provider { get; set; } = "Postgres";

    /// <summary>A PostgreSQL database to use; when null the cluster starts its own throwaway server.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The app every node accepts, with a grant to write every business.</summary>
    public string AppCode { get; set; } = "test-app";

    public string AppSecret { get; set; } = "test-secret-0123456789";

    /// <summary>Time zone of the answers.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Extra configuration for every node (e.g. <c>Silo:CallTimeout</c>), applied last.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
}
