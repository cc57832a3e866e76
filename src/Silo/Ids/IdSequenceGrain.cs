using Orleans.Runtime;
using ProcOrleans.Grains.Ids;
using ProcOrleans.Silo.Storage;

namespace ProcOrleans.Silo.Ids;

/// <summary>
/// One id sequence. A block is reserved by writing the new high-water mark before any id of it is handed
/// out; the write is conditional on the state's ETag, so an activation that is not the only one (a frozen
/// silo that woke up) fails instead of handing out a block twice.
/// </summary>
internal sealed class IdSequenceGrain(
    [PersistentState(IdSequenceGrain.StateName, IdSequenceGrain.StorageName)] IPersistentState<IdSequenceState> sequence,
    IdSequenceSeed seed) : Grain, IIdSequenceGrain
{
    /// <summary>The grain storage provider of grain-private state.</summary>
    public const string StorageName = "ProcOrleansState";

    // Rows are keyed by (service id, state name, grain id), not by grain class: the name must be unique.
    public const string StateName = "idSequence";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!sequence.RecordExists)
        {
            // Databases from before the sequences were grains kept them in id_sequences: go on from there.
            sequence.State.HighWaterMark = await seed.HandedOutAsync(this.GetPrimaryKeyString(), cancellationToken);
        }
    }

    public async Task<long> ReserveAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var before = sequence.State.HighWaterMark;
        sequence.State.HighWaterMark = before + count;
        try
        {
            await sequence.WriteStateAsync();
        }
        catch
        {
            // Not stored: neither this block nor any later one may be judged from this memory.
            sequence.State.HighWaterMark = before;
            DeactivateOnIdle();
            throw;
        }

        return sequence.State.HighWaterMark + 1;
    }
}
