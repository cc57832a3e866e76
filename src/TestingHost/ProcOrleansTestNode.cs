using Orleans.TestingHost;

namespace ProcOrleans.TestingHost;

/// <summary>One node of a <see cref="ProcOrleansTestCluster"/>: an Orleans silo and its HTTP gateway on a loopback port.</summary>
public sealed class ProcOrleansTestNode
{
    internal ProcOrleansTestNode(int index, int port)
    {
        Index = index;
        Port = port;
    }

    public int Index { get; }

    /// <summary>The HTTP port; the same across restarts of the node.</summary>
    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>The running silo, or null while the node is down.</summary>
    public InProcessSiloHandle? Silo { get; internal set; }

    public bool IsRunning => Silo is not null;

    /// <summary>The running silo's services (its storage, options, grain factory).</summary>
    public IServiceProvider Services => Silo?.ServiceProvider ?? throw new InvalidOperationException($"Node {Index} is not running.");

    /// <summary>A client for this node's HTTP gateway; it keeps working across a restart of the node.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
}
