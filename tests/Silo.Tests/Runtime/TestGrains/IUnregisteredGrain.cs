using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Silo.Tests.Runtime.TestGrains;

/// <summary>A grain interface no class is registered for.</summary>
public interface IUnregisteredGrain : IGrainWithIntegerKey
{
    Task PingAsync();
}
