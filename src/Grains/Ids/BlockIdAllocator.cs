using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Grains.Ids;

/// <summary>
/// Hands out ids from blocks this silo reserves from the sequence grains. A block is durable before any id
/// of it is used, and a restart abandons the rest of it, so ids are never reused. The next block is
/// reserved in the background once half of the current one is used: a reservation is a write of grain
/// state, which on SQLite waits for the node's writer, and no create should wait for it.
/// </summary>
public sealed class BlockIdAllocator(IGrainFactory grains, int blockSize) : IIdAllocator
{
    private readonly Dictionary<string, Sequence> _sequences = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<long[]> AllocateAsync(string sequence, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_sequences.TryGetValue(sequence, out var state))
            {
                state = new Sequence();
                _sequences[sequence] = state;
            }

            if (state.Current is not { } block || block.Remaining < count)
            {
                // A call never straddles two blocks: its ids are contiguous and ascending.
                block = count <= blockSize && state.Next is { } next ? await Take(state, next) : await ReserveAsync(sequence, Math.Max(blockSize, count));
                state.Current = block;
            }

            var ids = new long[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = block.Next + i;
            }

            block.Next += count;
            if (state.Next is null && block.Remaining < blockSize / 2)
            {
                state.Next = ReserveAsync(sequence, blockSize);
            }

            return ids;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The prefetched block; a failed prefetch is forgotten, so the next call asks again.</summary>
    private static async Task<Block> Take(Sequence state, Task<Block> next)
    {
        state.Next = null;
        return await next;
    }

    private async Task<Block> ReserveAsync(string sequence, int size)
    {
        var end = await grains.GetGrain<IIdSequenceGrain>(sequence).ReserveAsync(size);
        return new Block(end - size, end);
    }

    private sealed class Sequence
    {
        public Block? Current { get; set; }

        public Task<Block>? Next { get; set; }
    }

    private sealed class Block(long next, long end)
    {
        public long Next { get; set; } = next;

        public long Remaining => end - Next;
    }
}
