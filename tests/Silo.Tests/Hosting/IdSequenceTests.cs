using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ProcOrleans.Grains.Errors;
using ProcOrleans.Grains.Ids;
using ProcOrleans.Grains.Storage;

namespace ProcOrleans.Silo.Tests.Hosting;

public sealed class IdSequenceTests
{
    private static Dictionary<string, string?> BlockSize(int size) => new() { ["Storage:IdBlockSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static async Task<long> ExecuteAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? -1 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Ids_ascend_are_unique_under_concurrency_and_are_never_reused_after_a_restart()
    {
        var folder = SiloNode.NewFolder();
        var seen = new HashSet<long>();
        await using (var node = await SiloNode.StartAsync(folder, BlockSize(10)))
        {
            var ids = node.Services.GetRequiredService<IIdAllocator>();
            var calls = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
                ids.AllocateAsync(IdSequences.ProcessId, 1 + (i % 7), CancellationToken.None).AsTask()));
            foreach (var block in calls)
            {
                Assert.Equal(block.Order(), block);
                Assert.Equal(block[0] + block.Length - 1, block[^1]);
                Assert.All(block, id => Assert.True(seen.Add(id)));
            }

            var big = await ids.AllocateAsync(IdSequences.ProcessId, 25, CancellationToken.None);
            Assert.Equal(Enumerable.Range(0, 25).Select(i => big[0] + i), big);
            Assert.All(big, id => Assert.True(seen.Add(id)));
        }

        await using (var restarted = await SiloNode.StartAsync(folder, BlockSize(10)))
        {
            var ids = restarted.Services.GetRequiredService<IIdAllocator>();
            var after = await ids.AllocateAsync(IdSequences.ProcessId, 3, CancellationToken.None);
            Assert.True(after[0] > seen.Max());
            Assert.Equal(1, (await ids.AllocateAsync(IdSequences.ServiceInstanceId, 1, CancellationToken.None))[0]);

            // The high-water mark is a readable row of Orleans' grain state, one per sequence.
            Assert.Equal(2, await ExecuteAsync(restarted.DatabasePath, "SELECT COUNT(*) FROM OrleansStorage"));
        }
    }

    [Fact]
    public async Task The_next_block_is_reserved_in_the_background_once_half_of_the_current_one_is_used()
    {
        await using var node = await SiloNode.StartAsync(settings: BlockSize(10));
        var ids = node.Services.GetRequiredService<IIdAllocator>();
        var first = await ids.AllocateAsync(IdSequences.ProcessId, 5, CancellationToken.None);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, first);
        Assert.Equal(10, await HighWaterMarkAsync(node));

        // Five of ten left: no refill yet. Six used: the next ten are reserved before anyone needs them.
        var sixth = await ids.AllocateAsync(IdSequences.ProcessId, 1, CancellationToken.None);
        Assert.Equal(new long[] { 6 }, sixth);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await HighWaterMarkAsync(node) < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(20, await HighWaterMarkAsync(node));
        // The rest of the first block, then the prefetched one: contiguous, and nothing waits for a write.
        var rest = await ids.AllocateAsync(IdSequences.ProcessId, 4, CancellationToken.None);
        var next = await ids.AllocateAsync(IdSequences.ProcessId, 2, CancellationToken.None);
        Assert.Equal(new long[] { 7, 8, 9, 10, 11, 12 }, rest.Concat(next).ToArray());
        Assert.Equal(20, await HighWaterMarkAsync(node));
    }

    private static Task<long> HighWaterMarkAsync(SiloNode node) =>
        ExecuteAsync(node.DatabasePath, "SELECT json_extract(PayloadJson, '$.HighWaterMark') FROM OrleansStorage WHERE GrainIdExtensionString = 'bk_process_id'");

    [Fact]
    public async Task A_sequence_with_no_state_goes_on_from_the_id_sequences_table()
    {
        var folder = SiloNode.NewFolder();
        await using (var node = await SiloNode.StartAsync(folder))
        {
            // As a database from before the sequences were grains: 41 process ids were handed out.
            await ExecuteAsync(node.DatabasePath, "UPDATE id_sequences SET next_id = 42 WHERE name = 'bk_process_id'");
            var first = await node.Grains.GetGrain<IIdSequenceGrain>(IdSequences.ProcessId).ReserveAsync(5);
            Assert.Equal(47, first);
        }
    }

    [Fact]
    public async Task An_activation_whose_state_was_written_behind_its_back_refuses_and_the_next_one_goes_on_from_the_newer_mark()
    {
        await using var node = await SiloNode.StartAsync();
        var sequence = node.Grains.GetGrain<IIdSequenceGrain>("superseded");
        Assert.Equal(11, await sequence.ReserveAsync(10));

        // Another activation of the same sequence (a frozen silo's successor) moved the mark on and the ETag with it.
        var version = await ExecuteAsync(node.DatabasePath, "SELECT Version FROM OrleansStorage WHERE GrainIdExtensionString = 'superseded'");
        var updated = await ExecuteAsync(node.DatabasePath,
            $"UPDATE OrleansStorage SET Version = {version + 1}, PayloadJson = json_set(PayloadJson, '$.HighWaterMark', 500) WHERE GrainIdExtensionString = 'superseded'; SELECT changes()");
        Assert.Equal(1, updated);

        var refused = await Assert.ThrowsAsync<CmdbException>(() => sequence.ReserveAsync(10));
        Assert.Equal(ErrorCodes.ConcurrentWrite, refused.Code);
        Assert.Equal(511, await sequence.ReserveAsync(10));
    }
}
