using ProcOrleans.Silo.Tests.Runtime.TestGrains;

namespace ProcOrleans.Silo.Tests.Runtime;

public sealed class GrainRuntimeTimeoutTests
{
    [Fact]
    public async Task A_stuck_turn_times_out_and_the_next_call_still_waits_for_it_to_end()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Gated(7);
        var stuck = grain.BlockAsync(CancellationToken.None);
        await silo.Probe.TurnStarted.Task.WaitAsync(TestSilo.HangGuard);

        silo.Time.Advance(silo.Options.CallTimeout);
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => stuck.WaitAsync(TestSilo.HangGuard));

        Assert.Contains(nameof(GatedGrain), timeout.Message, StringComparison.Ordinal);
        Assert.Contains("7", timeout.Message, StringComparison.Ordinal);
        Assert.Contains(silo.Options.CallTimeout.ToString(), timeout.Message, StringComparison.Ordinal);

        var next = grain.RecordAsync("next");
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        silo.Probe.TurnGate.SetResult();
        await next.WaitAsync(TestSilo.HangGuard);

        Assert.Equal(["block start", "block end", "next"], silo.Probe.Events.Where(e => !e.StartsWith("activate", StringComparison.Ordinal)));
        Assert.Equal(0, silo.Probe.Overlaps);
    }

    [Fact]
    public async Task The_grain_token_fires_at_the_call_timeout()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Gated(1);
        var waiting = grain.WaitForCancellationAsync(CancellationToken.None);
        await silo.Probe.TurnStarted.Task.WaitAsync(TestSilo.HangGuard);

        silo.Time.Advance(silo.Options.CallTimeout);

        await Assert.ThrowsAsync<TimeoutException>(() => waiting.WaitAsync(TestSilo.HangGuard));
        // The grain gave up its turn, so the mailbox is free again.
        await grain.RecordAsync("after").WaitAsync(TestSilo.HangGuard);
    }

    [Fact]
    public async Task A_cancelled_caller_gets_OperationCanceledException_not_a_timeout()
    {
        await using var silo = TestSilo.Create();
        using var cts = new CancellationTokenSource();
        var waiting = silo.Gated(1).WaitForCancellationAsync(cts.Token);
        await silo.Probe.TurnStarted.Task.WaitAsync(TestSilo.HangGuard);

        await cts.CancelAsync();

        var failure = await Record.ExceptionAsync(() => waiting.WaitAsync(TestSilo.HangGuard));
        Assert.IsAssignableFrom<OperationCanceledException>(failure);
    }

    [Fact]
    public async Task A_call_queued_behind_a_stuck_turn_times_out_and_never_runs()
    {
        await using var silo = TestSilo.Create();
        var grain = silo.Gated(1);
        var stuck = grain.BlockAsync(CancellationToken.None);
        await silo.Probe.TurnStarted.Task.WaitAsync(TestSilo.HangGuard);
        var queued = grain.RecordAsync("queued");

        silo.Time.Advance(silo.Options.CallTimeout);

        await Assert.ThrowsAsync<TimeoutException>(() => stuck.WaitAsync(TestSilo.HangGuard));
        await Assert.ThrowsAsync<TimeoutException>(() => queued.WaitAsync(TestSilo.HangGuard));
        silo.Probe.TurnGate.SetResult();
        await grain.RecordAsync("later").WaitAsync(TestSilo.HangGuard);
        Assert.DoesNotContain("queued", silo.Probe.Events);
    }

    [Fact]
    public async Task A_slow_activation_runs_under_the_call_timeout()
    {
        await using var silo = TestSilo.Create();
        silo.Probe.ActivationGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = silo.Gated(1).IsLoadedAsync();
        await silo.Probe.ActivationStarted.Task.WaitAsync(TestSilo.HangGuard);

        silo.Time.Advance(silo.Options.CallTimeout);

        await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(TestSilo.HangGuard));
        silo.Probe.ActivationGate.SetResult();
        Assert.True(await silo.Gated(1).IsLoadedAsync().WaitAsync(TestSilo.HangGuard));
    }
}
