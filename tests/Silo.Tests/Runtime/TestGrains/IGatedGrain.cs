using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Silo.Tests.Runtime.TestGrains;

/// <summary>A grain whose activation and turns the test opens and closes through the probe.</summary>
public interface IGatedGrain : IGrainWithIntegerKey
{
    /// <summary>Whether the grain had finished activating when the call ran.</summary>
    Task<bool> IsLoadedAsync();

    /// <summary>The number of the grain instance serving the call.</summary>
    Task<int> GetInstanceAsync();

    /// <summary>Blocks until the probe's turn gate opens, whatever its token says.</summary>
    Task BlockAsync(CancellationToken cancellationToken);

    /// <summary>Asks for deactivation, then blocks like <see cref="BlockAsync"/>.</summary>
    Task BlockThenDeactivateAsync();

    /// <summary>Waits for its token; returns only by cancellation.</summary>
    Task WaitForCancellationAsync(CancellationToken cancellationToken);

    /// <summary>Records that the call ran.</summary>
    Task RecordAsync(string name, CancellationToken cancellationToken = default);
}
