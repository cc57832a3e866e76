using ProcOrleans.Silo.Tests.Runtime.TestGrains;

namespace ProcOrleans.Silo.Tests.Runtime;

public sealed class GrainRuntimeTurnTests
{
    [Fact]
    public async Task Concurrent_calls_to_one_grain_run_one_at_a_time_and_all_complete()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Counter(1);

        var calls = Enumerable.Range(0, 1_000).Select(_ => Task.Run(() => grain.IncrementAsync())).ToArray();
        var results = await Task.WhenAll(calls).WaitAsync(TestSilo.HangGuard);

        Assert.Equal(0, silo.Probe.Overlaps);
        Assert.Equal(Enumerable.Range(1, 1_000), results.Order());
        Assert.Equal(1_000, await grain.GetAsync());
        Assert.Equal(1, silo.Probe.Constructed);
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Queued_calls_run_in_arrival_order()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Gated(1);
        var blocked = grain.BlockAsync(CancellationToken.None);
        await silo.Probe.TurnStarted.Task.WaitAsync(TestSilo.HangGuard);

        var queued = Enumerable.Range(0, 20).Select(i => grain.RecordAsync($"call {i}")).ToArray();
        silo.Probe.TurnGate.SetResult();
        await Task.WhenAll(queued.Append(blocked)).WaitAsync(TestSilo.HangGuard);

        string[] expected = ["block start", "block end", .. Enumerable.Range(0, 20).Select(i => $"call {i}")];
        Assert.Equal(expected, silo.Probe.Events.Where(e => !e.StartsWith("activate", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Different_keys_get_different_activations()
    {
        await using var silo = TestSilo.Create();

        await silo.Counter(1).IncrementAsync();
        await silo.Counter(1).IncrementAsync();
        await silo.Counter(2).IncrementAsync();

        Assert.Equal(2, await silo.Counter(1).GetAsync());
        Assert.Equal(1, await silo.Counter(2).GetAsync());
        Assert.Equal(2, silo.Runtime.ActivationCount);
        Assert.Equal(2, silo.Probe.Constructed);
    }

    [Fact]
    public async Task An_exception_thrown_by_the_grain_reaches_the_caller_unchanged()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Counter(1);

        var asyncFailure = await Assert.ThrowsAsync<StoreUnavailableException>(() => grain.FailAsync("disk gone"));
        var syncFailure = await Assert.ThrowsAsync<ArgumentException>(() => grain.FailSynchronouslyAsync("bad input"));

        Assert.Equal("disk gone", asyncFailure.Message);
        Assert.Contains(nameof(CounterGrain.FailAsync), asyncFailure.StackTrace, StringComparison.Ordinal);
        Assert.Equal("bad input", syncFailure.Message);
        Assert.Contains(nameof(CounterGrain.FailSynchronouslyAsync), syncFailure.StackTrace, StringComparison.Ordinal);
        // A failed turn does not cost the activation.
        Assert.Equal(1, await grain.IncrementAsync());
        Assert.Equal(1, silo.Probe.Constructed);
    }

    [Fact]
    public async Task Value_task_methods_and_token_parameters_are_supported()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Counter(5);
        await grain.IncrementAsync();

        await grain.PingAsync();
        using var cts = new CancellationTokenSource();
        Assert.Equal(1, await grain.GetValueAsync(cts.Token));
    }

    [Fact]
    public async Task A_caller_that_cancels_while_queued_leaves_the_queue_and_its_call_never_runs()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Gated(1);
        var blocked = grain.BlockAsync(CancellationToken.None);
        await silo.Probe.TurnStarted.Task.WaitAsync(TestSilo.HangGuard);

        using var cts = new CancellationTokenSource();
        var cancelled = grain.RecordAsync("cancelled", cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TestSilo.HangGuard));

        silo.Probe.TurnGate.SetResult();
        await blocked.WaitAsync(TestSilo.HangGuard);
        await grain.RecordAsync("after").WaitAsync(TestSilo.HangGuard);
        Assert.DoesNotContain("cancelled", silo.Probe.Events);
        Assert.Equal("after", silo.Probe.Events.Last());
    }

    [Fact]
    public async Task A_grain_interface_without_a_registered_class_is_refused()
    {
        await using var silo = TestSilo.Create();

        var failure = Assert.Throws<InvalidOperationException>(() => silo.Runtime.GetGrain<IUnregisteredGrain>(1));

        Assert.Contains(nameof(IUnregisteredGrain), failure.Message, StringComparison.Ordinal);
    }
}
