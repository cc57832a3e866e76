namespace ProcOrleans.Gateway.Hosting;

/// <summary>What a node runs (<c>Node</c> section).</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>The gateway and a silo in one process: the default, and the only role on SQLite.</summary>
    public const string Combined = "Combined";

    /// <summary>The gateway alone, as an Orleans client of silo-only hosts (<c>ProcOrleans.Silo.dll</c>) on PostgreSQL.</summary>
    public const string Gateway = "Gateway";

    public string Role { get; set; } = Combined;
}
