namespace ProcOrleans.Grains.Ids;

/// <summary>
/// One id sequence of the cluster (key: its name, e.g. <c>bk_process_id</c>). Its high-water mark is its
/// persisted grain state, so two activations can never hand out one block: the second write fails on the
/// state's ETag.
/// </summary>
[Alias("procorleans.IIdSequenceGrain")]
public interface IIdSequenceGrain : IGrainWithStringKey
{
    /// <summary>Reserves <paramref name="count"/> ids, durable before this returns; answers the block's exclusive end.</summary>
    [Alias("Reserve")]
    Task<long> ReserveAsync(int count);
}
