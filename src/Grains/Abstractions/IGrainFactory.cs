namespace ProcOrleans.Grains.Abstractions;

/// <summary>Hands out references to grains and runs turns that span several activations.</summary>
public interface IGrainFactory
{
    /// <summary>
    /// A reference to the grain with this key. Every call on it is queued on the grain's single activation
    /// on this node and runs as one turn, under the runtime's call timeout.
    /// </summary>
    TGrainInterface GetGrain<TGrainInterface>(long key)
        where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>
    /// Runs one turn that holds the turns of several activations of one grain class at once (taken in
    /// ascending key order, so two joint turns never deadlock). Activations are created as needed; the
    /// callback receives them in ascending key order. Used for batches that must be all or nothing
    /// across grains. The token fires when the call timeout elapses.
    /// </summary>
    Task<TResult> RunJointTurnAsync<TGrain, TResult>(
        IReadOnlyCollection<long> keys,
        Func<IReadOnlyList<TGrain>, CancellationToken, Task<TResult>> turn)
        where TGrain : Grain;
}
