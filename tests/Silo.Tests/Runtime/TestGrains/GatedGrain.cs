using ProcOrleans.Grains.Abstractions;

namespace ProcOrleans.Silo.Tests.Runtime.TestGrains;

/// <summary>Activation and turns wait on gates held by the probe, so tests decide when they end.</summary>
public sealed class GatedGrain(GrainProbe probe) : Grain, IGatedGrain
{
    private readonly int _instance = probe.OnConstructed();
    private bool _loaded;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.ActivationStarted.TrySetResult();
        if (probe.ActivationGate is { } gate)
        {
            await gate.Task;
        }

        if (Interlocked.Decrement(ref probe.FailingActivations) >= 0)
        {
            throw new StoreUnavailableException($"store down for {GrainKey}");
        }

        probe.OnActivated(GrainKey);
        _loaded = true;
    }

    public override Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        probe.OnDeactivated(GrainKey);
        return Task.CompletedTask;
    }

    public Task<bool> IsLoadedAsync() => Task.FromResult(_loaded);

    public Task<int> GetInstanceAsync() => Task.FromResult(_instance);

    public async Task BlockAsync(CancellationToken cancellationToken)
    {
        probe.EnterTurn(GrainKey);
        try
        {
            probe.Events.Enqueue("block start");
            probe.TurnStarted.TrySetResult();
            await probe.TurnGate.Task;
            probe.Events.Enqueue("block end");
        }
        finally
        {
            probe.ExitTurn(GrainKey);
        }
    }

    public Task BlockThenDeactivateAsync()
    {
        GrainContext.DeactivateOnIdle();
        return BlockAsync(CancellationToken.None);
    }

    public async Task WaitForCancellationAsync(CancellationToken cancellationToken)
    {
        probe.TurnStarted.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task RecordAsync(string name, CancellationToken cancellationToken = default)
    {
        probe.EnterTurn(GrainKey);
        probe.Events.Enqueue(name);
        probe.ExitTurn(GrainKey);
        return Task.CompletedTask;
    }
}
