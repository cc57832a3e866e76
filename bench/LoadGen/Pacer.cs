using System.Diagnostics;
using System.Threading.Channels;

namespace ProcOrleans.Bench.LoadGen;

/// <summary>
/// Issues start times at a fixed rate from a thread of its own; workers take them in turn. Latency counts
/// from the scheduled start, so a slow answer cannot hide the requests it delayed, and the pacer's own
/// lateness (its sleep granularity, about a millisecond) is measured and reported beside it.
/// </summary>
internal sealed class Pacer
{
    private readonly Channel<long> _starts = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Thread _thread;

    public Pacer(int rate, long endTimestamp)
    {
        _thread = new Thread(() => Run(rate, endTimestamp)) { IsBackground = true, Name = "pacer", Priority = ThreadPriority.Highest };
        _thread.Start();
    }

    public ChannelReader<long> Starts => _starts.Reader;

    private void Run(int rate, long endTimestamp)
    {
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var origin = Stopwatch.GetTimestamp();
        long issued = 0;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            long due;
            while ((due = origin + (long)(issued * ticksPerRequest)) <= now)
            {
                if (due >= endTimestamp)
                {
                    _starts.Writer.Complete();
                    return;
                }

                _starts.Writer.TryWrite(due);
                issued++;
            }

            Thread.Sleep(1);
        }
    }
}
