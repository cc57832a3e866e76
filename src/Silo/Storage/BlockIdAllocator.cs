using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Storage;

/// <summary>
/// Hands out ids from blocks reserved in <c>id_sequences</c>, one round trip per block. A block is durable
/// before any id of it is used, and a restart abandons the rest of it, so ids are never reused.
/// </summary>
internal sealed class BlockIdAllocator(Func<string, long, CancellationToken, Task<long>> reserveAsync, int blockSize) : IIdAllocator
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
                var end = await reserveAsync(sequence, size, cancellationToken);
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

    /// <summary>Forgets every block, e.g. when another node may have been given the database.</summary>
    public void Reset() => _blocks.Clear();

    private sealed class Block(long next, long end)
    {
        public long Next { get; set; } = next;

        public long Remaining => end - Next;
    }
}
