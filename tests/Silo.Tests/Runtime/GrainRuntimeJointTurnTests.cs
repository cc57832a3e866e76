using ProcOrleans.Silo.Tests.Runtime.TestGrains;

namespace ProcOrleans.Silo.Tests.Runtime;

public sealed class GrainRuntimeJointTurnTests
{
    [Fact]
    public async Task A_joint_turn_gets_each_grain_once_in_ascending_key_order()
    {
        await using var silo = TestSilo.Create();

        var keys = await silo.Runtime.RunJointTurnAsync<CounterGrain, long[]>(
            [3, 1, 3, 2],
            (grains, _) => Task.FromResult(grains.Select(g => g.Key).ToArray()));

        Assert.Equal([1L, 2L, 3L], keys);
        Assert.Equal(3, silo.Runtime.ActivationCount);
        Assert.Equal(3, silo.Probe.Activations);
    }

    [Fact]
    public async Task A_joint_turn_shares_activations_with_calls_through_the_interface()
    {
        await using var silo = TestSilo.Create();
        await silo.Counter(1).IncrementAsync();

        await silo.Runtime.RunJointTurnAsync<CounterGrain, int>([1, 2], async (grains, _) =>
        {
            foreach (var grain in grains)
            {
                await grain.IncrementAsync();
            }

            return 0;
        });

        Assert.Equal(2, await silo.Counter(1).GetAsync());
        Assert.Equal(1, await silo.Counter(2).GetAsync());
        Assert.Equal(2, silo.Probe.Constructed);
    }

    [Fact]
    public async Task Overlapping_joint_turns_and_single_calls_never_deadlock_or_overlap()
    {
        await using var silo = TestSilo.Create();
        const int grainCount = 6;
        var random = new Random(1234);
        var expected = new int[grainCount];
        var work = new List<Func<Task>>();
        for (var i = 0; i < 150; i++)
        {
            var keys = Enumerable.Range(0, grainCount).OrderBy(_ => random.Next()).Take(random.Next(2, 5)).Select(k => (long)k).ToArray();
            foreach (var key in keys)
            {
                expected[key]++;
            }

            work.Add(() => silo.Runtime.RunJointTurnAsync<CounterGrain, int>(keys, async (grains, _) =>
            {
                foreach (var grain in grains)
                {
                    await grain.IncrementAsync();
                }

                return grains.Count;
            }));

            var single = random.Next(grainCount);
            expected[single]++;
            work.Add(() => silo.Counter(single).IncrementAsync());
        }

        await Task.WhenAll(work.Select(Task.Run)).WaitAsync(TestSilo.HangGuard);

        Assert.Equal(0, silo.Probe.Overlaps);
        for (var key = 0; key < grainCount; key++)
        {
            Assert.Equal(expected[key], await silo.Counter(key).GetAsync());
        }
    }

    [Fact]
    public async Task A_joint_turn_excludes_single_calls_until_it_ends()
    {
        await using var silo = TestSilo.Create();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var joint = silo.Runtime.RunJointTurnAsync<CounterGrain, int>([1, 2], async (grains, _) =>
        {
            entered.SetResult();
            await finish.Task;
            return await grains[1].IncrementAsync();
        });
        await entered.Task.WaitAsync(TestSilo.HangGuard);

        var single = silo.Counter(2).IncrementAsync();
        await Task.Delay(50);
        Assert.False(single.IsCompleted);
        finish.SetResult();

        Assert.Equal(1, await joint.WaitAsync(TestSilo.HangGuard));
        Assert.Equal(2, await single.WaitAsync(TestSilo.HangGuard));
    }

    [Fact]
    public async Task DeactivateOnIdle_inside_a_joint_turn_is_honoured_afterwards()
    {
        await using var silo = TestSilo.Create();

        await silo.Runtime.RunJointTurnAsync<CounterGrain, int>([5, 6], (grains, _) =>
        {
            grains[0].RequestDeactivation();
            return Task.FromResult(0);
        });

        Assert.Equal(1, silo.Runtime.ActivationCount);
        Assert.Equal(1, silo.Probe.DeactivationsOf(5));
        Assert.Equal(0, silo.Probe.DeactivationsOf(6));
    }

    [Fact]
    public async Task A_failed_activation_in_a_joint_turn_fails_it_and_releases_the_other_grains()
    {
        await using var silo = TestSilo.Create();
        await silo.Gated(1).IsLoadedAsync();
        silo.Probe.FailingActivations = 1;

        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            silo.Runtime.RunJointTurnAsync<GatedGrain, int>([1, 2], (_, _) => Task.FromResult(0)).WaitAsync(TestSilo.HangGuard));

        await silo.Gated(1).RecordAsync("after").WaitAsync(TestSilo.HangGuard);
        Assert.True(await silo.Gated(2).IsLoadedAsync().WaitAsync(TestSilo.HangGuard));
    }

    [Fact]
    public async Task An_exception_from_the_joint_turn_reaches_the_caller_and_releases_the_grains()
    {
        await using var silo = TestSilo.Create();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => silo.Runtime.RunJointTurnAsync<CounterGrain, int>(
            [1, 2],
            (_, _) => throw new StoreUnavailableException("write failed")));

        Assert.Equal(1, await silo.Counter(1).IncrementAsync().WaitAsync(TestSilo.HangGuard));
    }

    [Fact]
    public async Task A_joint_turn_times_out_with_the_grain_class_and_keys_in_the_message()
    {
        await using var silo = TestSilo.Create();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var joint = silo.Runtime.RunJointTurnAsync<CounterGrain, int>([4, 8], async (_, token) =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        });
        await entered.Task.WaitAsync(TestSilo.HangGuard);

        silo.Time.Advance(silo.Options.CallTimeout);

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => joint.WaitAsync(TestSilo.HangGuard));
        Assert.Contains(nameof(CounterGrain), timeout.Message, StringComparison.Ordinal);
        Assert.Contains("4, 8", timeout.Message, StringComparison.Ordinal);
        Assert.Equal(1, await silo.Counter(8).IncrementAsync().WaitAsync(TestSilo.HangGuard));
    }
}
