using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Ids;

/// <summary>
/// Hands out ids from blocks this silo reserves from the sequence grains, one call per block. A block is
/// durable before any id of it is used, and a restart abandons the rest of it, so ids are never reused.
/// </summary>
public sealed class BlockIdAllocator(IGrainFactory grains, int blockSize) : IIdAllocator
{
    private readonly Dictionary<string, Block> _blocks = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<long[]> AllocateAsync(string sequence, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_blocks.TryGetValue(sequence, out var block) || block.Remaining < count)
            {
                // A call never straddles two blocks: its ids are contiguous and ascending.
                var size = Math.Max(blockSize, count);
                var end = await grains.GetGrain<IIdSequenceGrain>(sequence).ReserveAsync(size);
                block = new Block(end - size, end);
                _blocks[sequence] = block;
            }

            var ids = new long[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = block.Next + i;
            }

            block.Next += count;
            return ids;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Block(long next, long end)
    {
        public long Next { get; set; } = next;

        public long Remaining => end - Next;
    }
}
