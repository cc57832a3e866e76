namespace ProcOrleans.Gateway.Tests.Infrastructure;

/// <summary>One gateway node shared by the tests of a class; each test makes its own service instances.</summary>
public sealed class GatewayFixture : IDisposable
{
    public GatewayFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
