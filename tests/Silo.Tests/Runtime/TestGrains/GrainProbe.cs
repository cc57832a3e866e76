using System.Collections.Concurrent;

namespace ProcOrleans.Silo.Tests.Runtime.TestGrains;

/// <summary>Shared by the test grains of one runtime: records what happened and holds the gates tests open.</summary>
public sealed class GrainProbe
{
    private int _constructed;
    private int _activations;
    private int _deactivations;
    private int _overlaps;

    /// <summary>Durable state of the counter grains, as a store would keep it.</summary>
    public ConcurrentDictionary<long, int> Store { get; } = new();

    /// <summary>Per key: how many turns are running right now.</summary>
    public ConcurrentDictionary<long, int> RunningTurns { get; } = new();

    public ConcurrentDictionary<long, int> ActivationsByKey { get; } = new();

    public ConcurrentDictionary<long, int> DeactivationsByKey { get; } = new();

    public ConcurrentQueue<string> Events { get; } = new();

    public int Constructed => Volatile.Read(ref _constructed);

    public int Activations => Volatile.Read(ref _activations);

    public int Deactivations => Volatile.Read(ref _deactivations);

    /// <summary>How many times a turn started while another turn of the same grain was running.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    /// <summary>When set, activation waits for it.</summary>
    public TaskCompletionSource? ActivationGate { get; set; }

    /// <summary>Signalled when an activation has started.</summary>
    public TaskCompletionSource ActivationStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What a blocked turn waits for; it ignores its cancellation token on purpose.</summary>
    public TaskCompletionSource TurnGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Signalled when a blocked turn has started.</summary>
    public TaskCompletionSource TurnStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many of the next activations throw.</summary>
    public int FailingActivations;

    public bool ThrowOnDeactivate { get; set; }

    public int OnConstructed() => Interlocked.Increment(ref _constructed);

    public void OnActivated(long key)
    {
        Interlocked.Increment(ref _activations);
        ActivationsByKey.AddOrUpdate(key, 1, (_, n) => n + 1);
        Events.Enqueue($"activate {key}");
    }

    public void OnDeactivated(long key)
    {
        Interlocked.Increment(ref _deactivations);
        DeactivationsByKey.AddOrUpdate(key, 1, (_, n) => n + 1);
        Events.Enqueue($"deactivate {key}");
    }

    public int ActivationsOf(long key) => ActivationsByKey.GetValueOrDefault(key);

    public int DeactivationsOf(long key) => DeactivationsByKey.GetValueOrDefault(key);

    public void EnterTurn(long key)
    {
        if (RunningTurns.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
    }

    public void ExitTurn(long key) => RunningTurns.AddOrUpdate(key, 0, (_, n) => n - 1);

    /// <summary>Lets every blocked activation and turn finish.</summary>
    public void ReleaseAll()
    {
        ActivationGate?.TrySetResult();
        TurnGate.TrySetResult();
    }
}
