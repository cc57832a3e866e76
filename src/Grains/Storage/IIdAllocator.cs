namespace ProcOrleans.Grains.Storage;

/// <summary>
/// Hands out ids that are unique cluster-wide and never reused, from blocks the silo reserves from the
/// sequence's grain (one call per block). Gaps are allowed.
/// </summary>
public interface IIdAllocator
{
    /// <summary><paramref name="count"/> fresh ids of a sequence, ascending.</summary>
    ValueTask<long[]> AllocateAsync(string sequence, int count, CancellationToken cancellationToken);
}
