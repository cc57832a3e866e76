using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using ProcOrleans.Grains.Storage;
using ProcOrleans.Silo.Hosting;

namespace ProcOrleans.Silo.Consistency;

/// <summary>
/// Holds the silo's lease on its activations' memory, and breaks it whenever another activation of the
/// same grain could exist somewhere: while the silo was frozen (a GC pause, SIGSTOP, a stalled VM) the
/// cluster may have declared it dead and activated its grains elsewhere, and while membership changes the
/// directory hands entries over and may briefly register two activations. A broken lease stays broken
/// for <see cref="SiloSettings.MemoryDoubtWindow"/>: long enough for a silo the cluster declared dead to
/// read that in the membership table and stop, and for the directory to settle.
/// </summary>
internal sealed partial class MemoryLease(
    IClusterMembershipService membership,
    IOptions<SiloSettings> settings,
    ILogger<MemoryLease> logger) : IMemoryLease, IHostedService, IDisposable
{
    // A beat this late means the process did not run: frozen, not merely busy.
    private static readonly TimeSpan BeatInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBeatGap = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly long _window = ToTicks(settings.Value.MemoryDoubtWindow);
    private long _lastBeat = Stopwatch.GetTimestamp();
    private long _doubtUntil = Stopwatch.GetTimestamp() + ToTicks(settings.Value.MemoryDoubtWindow);
    private Thread? _beat;
    private Task? _watch;

    public bool IsHeld
    {
        get
        {
            // The gap is checked here too: the first calls after a freeze may run before the beat thread does.
            var now = Stopwatch.GetTimestamp();
            return now - Volatile.Read(ref _lastBeat) < ToTicks(MaxBeatGap) && now >= Volatile.Read(ref _doubtUntil);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Start-up itself is no freeze: the first beat counts from here, not from construction.
        Volatile.Write(ref _lastBeat, Stopwatch.GetTimestamp());
        // A thread of its own: a starved thread pool must not look like a frozen process, and the other way round.
        _beat = new Thread(Beat) { IsBackground = true, Name = "procorleans-memory-lease", Priority = ThreadPriority.AboveNormal };
        _beat.Start();
        _watch = Task.Run(WatchMembershipAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_watch is not null)
        {
            await _watch.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private void Beat()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Thread.Sleep(BeatInterval);
            var now = Stopwatch.GetTimestamp();
            var gap = now - Volatile.Read(ref _lastBeat);
            if (gap >= ToTicks(MaxBeatGap))
            {
                Doubt(now);
                LogFrozen(logger, Stopwatch.GetElapsedTime(0, gap).TotalMilliseconds);
            }

            Volatile.Write(ref _lastBeat, now);
        }
    }

    private async Task WatchMembershipAsync()
    {
        HashSet<SiloAddress>? active = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                var now = snapshot.Members.Where(m => m.Value.Status == SiloStatus.Active).Select(m => m.Key).ToHashSet();
                if (active is not null && !active.SetEquals(now))
                {
                    Doubt(Stopwatch.GetTimestamp());
                    LogMembershipChanged(logger, now.Count);
                }

                active = now;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private void Doubt(long now)
    {
        var until = now + _window;
        long seen;
        do
        {
            seen = Volatile.Read(ref _doubtUntil);
            if (seen >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _doubtUntil, until, seen) != seen);
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "The process did not run for {Milliseconds} ms; reads confirm versions with storage for a while")]
    private static partial void LogFrozen(ILogger logger, double milliseconds);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Cluster membership changed ({Active} active silos); reads confirm versions with storage for a while")]
    private static partial void LogMembershipChanged(ILogger logger, int active);
}
