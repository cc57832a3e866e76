using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcOrleans.Silo.Tests.Runtime.TestGrains;

namespace ProcOrleans.Silo.Tests.Runtime;

public sealed class GrainRuntimeCollectionTests
{
    [Fact]
    public async Task An_idle_activation_is_collected_after_the_collection_age_and_not_before()
    {
        await using var silo = TestSilo.Create(o => o.CollectionAge = TimeSpan.FromMinutes(10));
        var grain = silo.Counter(1);
        Assert.Equal(1, await grain.IncrementAsync());

        silo.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await silo.Runtime.CollectIdleAsync(CancellationToken.None);
        Assert.Equal(1, silo.Runtime.ActivationCount);
        Assert.Equal(0, silo.Probe.Deactivations);

        silo.Time.Advance(TimeSpan.FromSeconds(2));
        await silo.Runtime.CollectIdleAsync(CancellationToken.None);
        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(1, silo.Probe.DeactivationsOf(1));

        // The next call builds a new activation that reloads the stored state.
        Assert.Equal(2, await grain.IncrementAsync());
        Assert.Equal(2, silo.Probe.ActivationsOf(1));
    }

    [Fact]
    public async Task A_call_resets_the_idle_clock()
    {
        await using var silo = TestSilo.Create(o => o.CollectionAge = TimeSpan.FromMinutes(10));
        var grain = silo.Counter(1);
        await grain.IncrementAsync();

        silo.Time.Advance(TimeSpan.FromMinutes(8));
        await grain.IncrementAsync();
        silo.Time.Advance(TimeSpan.FromMinutes(8));
        await silo.Runtime.CollectIdleAsync(CancellationToken.None);

        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_busy_activation_is_not_collected()
    {
        await using var silo = TestSilo.Create(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(10);
            o.CallTimeout = TimeSpan.FromHours(1);
        });
        var grain = silo.Gated(1);
        var blocked = grain.BlockAsync(CancellationToken.None);
        await silo.Probe.TurnStarted.Task.WaitAsync(TestSilo.HangGuard);

        silo.Time.Advance(TimeSpan.FromMinutes(11));
        await silo.Runtime.CollectIdleAsync(CancellationToken.None);
        Assert.Equal(1, silo.Runtime.ActivationCount);

        silo.Probe.TurnGate.SetResult();
        await blocked.WaitAsync(TestSilo.HangGuard);
        await silo.Runtime.CollectIdleAsync(CancellationToken.None);
        Assert.Equal(1, silo.Runtime.ActivationCount);
        Assert.Equal(0, silo.Probe.Deactivations);
    }

    [Fact]
    public async Task Going_over_the_cap_evicts_the_least_recently_used_activation()
    {
        await using var silo = TestSilo.Create(o => o.MaxActivations = 2);
        await silo.Counter(1).IncrementAsync();
        await silo.Counter(2).IncrementAsync();
        await silo.Counter(1).IncrementAsync();

        await silo.Counter(3).IncrementAsync();
        await TestSilo.EventuallyAsync(() => silo.Runtime.ActivationCount <= 2);

        Assert.Equal(1, silo.Probe.DeactivationsOf(2));
        Assert.Equal(0, silo.Probe.DeactivationsOf(1));
        Assert.Equal(0, silo.Probe.DeactivationsOf(3));
        Assert.Equal(3, await silo.Counter(1).IncrementAsync());
        Assert.Equal(1, silo.Probe.ActivationsOf(1));
    }

    [Fact]
    public async Task Going_over_a_large_cap_makes_room_for_many_at_once_oldest_first()
    {
        await using var silo = TestSilo.Create(o => o.MaxActivations = 100);
        for (var key = 0; key <= 100; key++)
        {
            await silo.Counter(key).PingAsync();
        }

        // One pass brings the table 2% under the cap, so the next new activations need no pass of their own.
        await TestSilo.EventuallyAsync(() => silo.Runtime.ActivationCount <= 98);
        Assert.Equal(98, silo.Runtime.ActivationCount);
        Assert.All(Enumerable.Range(0, 3), key => Assert.Equal(1, silo.Probe.DeactivationsOf(key)));
        Assert.Equal(3, silo.Probe.Deactivations);

        await silo.Counter(101).PingAsync();
        await silo.Counter(102).PingAsync();
        Assert.Equal(100, silo.Runtime.ActivationCount);
        Assert.Equal(3, silo.Probe.Deactivations);
    }

    [Fact]
    public async Task No_cap_keeps_every_activation()
    {
        await using var silo = TestSilo.Create(o => o.MaxActivations = 0);

        for (var key = 0; key < 50; key++)
        {
            await silo.Counter(key).PingAsync();
        }

        Assert.Equal(50, silo.Runtime.ActivationCount);
        Assert.Equal(0, silo.Probe.Deactivations);
    }

    [Fact]
    public async Task The_hosted_service_collects_on_its_interval_and_deactivates_everything_on_stop()
    {
        await using var silo = TestSilo.Create(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(2);
            o.CollectionInterval = TimeSpan.FromMinutes(1);
        });
        var hosted = silo.Services.GetServices<IHostedService>().ToArray();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        await silo.Counter(1).IncrementAsync();
        using (var guard = new CancellationTokenSource(TestSilo.HangGuard))
        {
            // The timer may be created a moment after start; keep moving time until it has collected.
            while (silo.Runtime.ActivationCount > 0)
            {
                silo.Time.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(10, guard.Token);
            }
        }

        Assert.Equal(1, silo.Probe.DeactivationsOf(1));

        await silo.Counter(2).IncrementAsync();
        foreach (var service in hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(1, silo.Probe.DeactivationsOf(2));
    }

    [Fact]
    public async Task DeactivateAll_waits_for_running_turns_and_drops_every_activation()
    {
        await using var silo = TestSilo.Create();
        await silo.Counter(1).IncrementAsync();
        await silo.Counter(2).IncrementAsync();
        var blocked = silo.Gated(3).BlockAsync(CancellationToken.None);
        await silo.Probe.TurnStarted.Task.WaitAsync(TestSilo.HangGuard);

        var deactivating = silo.Runtime.DeactivateAllAsync(CancellationToken.None);
        await TestSilo.EventuallyAsync(() => silo.Probe.Deactivations == 2);
        Assert.False(deactivating.IsCompleted);
        silo.Probe.TurnGate.SetResult();
        await deactivating.WaitAsync(TestSilo.HangGuard);
        await blocked.WaitAsync(TestSilo.HangGuard);

        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Equal(3, silo.Probe.Deactivations);
    }
}
