using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Silo.Tests.Runtime.TestGrains;

/// <summary>Loads its value from the probe's store on activation and writes it back on every change.</summary>
public sealed class CounterGrain(GrainProbe probe) : Grain, ICounterGrain
{
    private readonly int _instance = probe.OnConstructed();
    private int _value;

    public long Key => GrainKey;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _value = probe.Store.GetValueOrDefault(GrainKey);
        probe.OnActivated(GrainKey);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        probe.OnDeactivated(GrainKey);
        return probe.ThrowOnDeactivate
            ? Task.FromException(new InvalidOperationException("deactivation failed"))
            : Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        probe.EnterTurn(GrainKey);
        try
        {
            var read = _value;
            // Let other work run in the middle of the turn, where an overlap would lose an update.
            await Task.Yield();
            _value = read + 1;
            probe.Store[GrainKey] = _value;
            return _value;
        }
        finally
        {
            probe.ExitTurn(GrainKey);
        }
    }

    public Task<int> GetAsync() => Task.FromResult(_value);

    public Task<int> GetInstanceAsync() => Task.FromResult(_instance);

    public ValueTask<int> GetValueAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_value);

    public ValueTask PingAsync() => ValueTask.CompletedTask;

    public Task DeactivateAsync()
    {
        GrainContext.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>Asks for deactivation from inside a joint turn.</summary>
    public void RequestDeactivation() => GrainContext.DeactivateOnIdle();

    public async Task FailAsync(string message)
    {
        await Task.Yield();
        throw new StoreUnavailableException(message);
    }

    public Task FailSynchronouslyAsync(string message) => throw new ArgumentException(message);
}
