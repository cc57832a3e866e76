using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Grains.Tests.ServiceInstances;

/// <summary>Records what a grain asks of its runtime.</summary>
internal sealed class FakeGrainContext(long key) : IGrainContext
{
    public long Key => key;

    public bool DeactivationRequested { get; private set; }

    public void DeactivateOnIdle() => DeactivationRequested = true;
}
