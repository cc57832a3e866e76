using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Silo.Tests.Runtime.TestGrains;

/// <summary>A grain with durable integer state, used to observe turns and activations.</summary>
public interface ICounterGrain : IGrainWithIntegerKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    /// <summary>The number of the grain instance serving the call (1 for the first instance built).</summary>
    Task<int> GetInstanceAsync();

    ValueTask<int> GetValueAsync(CancellationToken cancellationToken);

    ValueTask PingAsync();

    Task DeactivateAsync();

    Task FailAsync(string message);

    Task FailSynchronouslyAsync(string message);
}
