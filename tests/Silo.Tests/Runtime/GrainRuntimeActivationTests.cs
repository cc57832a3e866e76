using ProcOrleans.Silo.Tests.Runtime.TestGrains;

namespace ProcOrleans.Silo.Tests.Runtime;

public sealed class GrainRuntimeActivationTests
{
    [Fact]
    public async Task Calls_during_a_slow_activation_queue_and_see_the_activated_state()
    {
        await using var silo = TestSilo.Create();
        silo.Probe.ActivationGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 10).Select(_ => Task.Run(() => silo.Gated(1).IsLoadedAsync())).ToArray();
        await silo.Probe.ActivationStarted.Task.WaitAsync(TestSilo.HangGuard);

        Assert.All(calls, call => Assert.False(call.IsCompleted));
        silo.Probe.ActivationGate.SetResult();
        var loaded = await Task.WhenAll(calls).WaitAsync(TestSilo.HangGuard);

        Assert.All(loaded, Assert.True);
        Assert.Equal(1, silo.Probe.Constructed);
        Assert.Equal(1, silo.Probe.Activations);
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_failed_activation_fails_the_call_and_the_next_call_builds_a_fresh_instance()
    {
        await using var silo = TestSilo.Create();
        silo.Probe.FailingActivations = 1;

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => silo.Gated(3).IsLoadedAsync());
        Assert.Equal("store down for 3", failure.Message);
        Assert.Equal(0, silo.Runtime.ActivationCount);

        Assert.True(await silo.Gated(3).IsLoadedAsync());
        Assert.Equal(2, await silo.Gated(3).GetInstanceAsync());
        Assert.Equal(2, silo.Probe.Constructed);
        Assert.Equal(1, silo.Probe.Activations);
        // The failed instance was never activated, so it is not deactivated either.
        Assert.Equal(0, silo.Probe.Deactivations);
    }

    [Fact]
    public async Task Calls_queued_behind_a_failed_activation_get_its_failure()
    {
        await using var silo = TestSilo.Create();
        silo.Probe.FailingActivations = 1;
        silo.Probe.ActivationGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = silo.Gated(1).IsLoadedAsync();
        await silo.Probe.ActivationStarted.Task.WaitAsync(TestSilo.HangGuard);
        var queued = Enumerable.Range(0, 3).Select(_ => silo.Gated(1).IsLoadedAsync()).ToArray();

        silo.Probe.ActivationGate.SetResult();

        foreach (var call in queued.Prepend(first))
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => call.WaitAsync(TestSilo.HangGuard));
        }

        Assert.True(await silo.Gated(1).IsLoadedAsync());
        Assert.Equal(2, silo.Probe.Constructed);
    }

    [Fact]
    public async Task DeactivateOnIdle_drops_the_activation_and_the_next_call_activates_again()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Counter(9);
        Assert.Equal(1, await grain.IncrementAsync());

        await grain.DeactivateAsync();

        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(1, silo.Probe.DeactivationsOf(9));
        // The next call reloads from the store.
        Assert.Equal(2, await grain.IncrementAsync());
        Assert.Equal(2, silo.Probe.ActivationsOf(9));
        Assert.Equal(2, await grain.GetInstanceAsync());
    }

    [Fact]
    public async Task Calls_queued_on_a_dropped_activation_move_to_a_new_one()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Gated(4);
        var dropping = grain.BlockThenDeactivateAsync();
        await silo.Probe.TurnStarted.Task.WaitAsync(TestSilo.HangGuard);
        var queued = Enumerable.Range(0, 5).Select(_ => grain.GetInstanceAsync()).ToArray();

        silo.Probe.TurnGate.SetResult();
        await dropping.WaitAsync(TestSilo.HangGuard);
        var instances = await Task.WhenAll(queued).WaitAsync(TestSilo.HangGuard);

        Assert.All(instances, instance => Assert.Equal(2, instance));
        Assert.Equal(2, silo.Probe.Activations);
        Assert.Equal(1, silo.Probe.Deactivations);
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_failing_deactivation_is_swallowed()
    {
        await using var silo = TestSilo.Create();
        silo.Probe.ThrowOnDeactivate = true;
        var grain = silo.Counter(2);
        await grain.IncrementAsync();

        await grain.DeactivateAsync();

        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(1, silo.Probe.Deactivations);
        Assert.Equal(2, await grain.IncrementAsync());
    }
}
