namespace ProcOrleans.TestingHost;

/// <summary>How a <see cref="TestCluster"/> is built.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Nodes started at once.</summary>
    public int NodeCount { get; set; } = 3;

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
